using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using Contracts.Wire.Binary;
using StackExchange.Redis;

namespace Ingestor.Publishing;

/// <summary>
/// Brings the stored snapshot up to date: the full decimated series that changed, the run list, and last the
/// sequence it is consistent with. Readers replay deltas after that sequence on top; because every delta
/// overwrites a suffix of a series (or all of it), a series stored a little ahead of the recorded sequence still
/// ends up exact, so no transaction has to span the whole write.
/// <para>Each series is stored as a <see cref="SeriesBlock"/> (binary columns, a fifth to a quarter of its JSON):
/// StreamApi joins the blocks into the compact snapshot a browser loads first without decoding them, and reads that
/// much less from Redis for every snapshot. A series stored as JSON by an older ingestor is still read (<see cref="StoredSeriesJson"/>).</para>
/// </summary>
public sealed class SnapshotWriter(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int FieldsPerCommand = 64;

    public async Task WriteAsync(IReadOnlyList<SeriesPoints> series, RunMeta[] runs, long sequence)
    {
        var database = redis.GetDatabase();
        var pending = new List<Task>();
        foreach (var run in series.GroupBy(s => s.RunId, StringComparer.Ordinal))
        {
            var key = keys.RunSeries(run.Key);
            foreach (var chunk in run.Chunk(FieldsPerCommand))
            {
                var entries = new HashEntry[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    entries[i] = new HashEntry(chunk[i].SeriesId, SeriesBlock.Encode(chunk[i]));
                }
                pending.Add(database.HashSetAsync(key, entries));
            }
        }
        pending.Add(database.StringSetAsync(keys.Runs, JsonSerializer.SerializeToUtf8Bytes(runs, WireJsonContext.Default.RunMetaArray)));
        await Task.WhenAll(pending);
        await database.StringSetAsync(keys.SnapshotSequence, sequence);
    }

    /// <summary>
    /// The stored series of one run, to continue an evicted run from, and how many entries were not a series (left
    /// out: their new points start them anew).
    /// </summary>
    public async Task<(IReadOnlyList<SeriesPoints> Series, int Unreadable)> ReadRunSeriesAsync(string runId)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.RunSeries(runId));
        var series = new List<SeriesPoints>(entries.Length);
        foreach (var entry in entries)
        {
            try
            {
                var stored = (byte[])entry.Value!;
                if (SeriesBlock.IsBlock(stored))
                {
                    series.Add(SeriesBlock.Decode(stored));
                }
                else
                {
                    series.Add(StoredSeriesJson.Read(stored));
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidDataException)
            {
            }
        }
        return (series, entries.Length - series.Count);
    }

    /// <summary>The run list a previous ingestor left, so its runs keep showing after a restart.</summary>
    public async Task<RunMeta[]> ReadRunsAsync()
    {
        var stored = await redis.GetDatabase().StringGetAsync(keys.Runs);
        if (stored.IsNullOrEmpty)
        {
            return [];
        }
        return JsonSerializer.Deserialize((byte[])stored!, WireJsonContext.Default.RunMetaArray) ?? [];
    }
}
