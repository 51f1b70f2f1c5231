using Contracts.Redis;
using StackExchange.Redis;

namespace StreamApi.Tests.RawHistory;

/// <summary>Writes a series' chunks and index as the documented layout says (<see cref="RawPointChunk"/>), the way the ingestor does.</summary>
internal static class RawChunkWriter
{
    /// <summary>Points in arrival order, cut into chunks of <see cref="RawPointChunk.PointsPerChunk"/>, each indexed by its true extent.</summary>
    public static Task WriteAsync(IDatabase database, string key, IReadOnlyList<(long Step, long TimeMs, double Value)> points) =>
        WriteAsync(database, key, points, static (_, extent) => extent);

    /// <param name="indexEntry">The index entry written for chunk i, given its true extent (a test may make it lie).</param>
    public static async Task WriteAsync(
        IDatabase database, string key, IReadOnlyList<(long Step, long TimeMs, double Value)> points, Func<int, RawChunkExtent, RawChunkExtent> indexEntry)
    {
        var chunks = points.Chunk(RawPointChunk.PointsPerChunk).ToList();
        var index = new byte[chunks.Count * RawPointChunk.IndexEntrySize];
        var entries = new List<HashEntry>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var encoder = new RawChunkEncoder();
            foreach (var (step, timeMs, value) in chunks[c])
            {
                encoder.Append(step, timeMs, value);
            }
            encoder.Seal();
            entries.Add(new HashEntry(RawPointChunk.ChunkField(c), encoder.Encoded));
            var extent = new RawChunkExtent(
                chunks[c].Min(p => p.Step), chunks[c].Max(p => p.Step), chunks[c].Min(p => p.TimeMs), chunks[c].Max(p => p.TimeMs));
            RawPointChunk.WriteIndexEntry(index.AsSpan(c * RawPointChunk.IndexEntrySize), indexEntry(c, extent));
        }
        entries.Add(new HashEntry(RawPointChunk.IndexField, index));
        await database.HashSetAsync(key, [.. entries]);
    }
}
