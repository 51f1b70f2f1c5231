using Contracts.Redis;

namespace StreamApi.RawHistory;

/// <summary>
/// What a series' chunk index says about a range: which chunks touch it (in index order, which is arrival order),
/// how many of their points lie in it where the index alone tells, and whether the chunks follow each other in step.
/// </summary>
internal sealed class RawChunkPlan
{
    /// <summary>Whether chunk i of <see cref="Chunks"/> lies wholly within the range, by its index extent.</summary>
    private readonly bool[] _covered;
    private readonly int _lastChunk;

    private RawChunkPlan(int[] chunks, bool[] covered, int lastChunk, bool stepOrdered)
    {
        Chunks = chunks;
        _covered = covered;
        _lastChunk = lastChunk;
        StepOrdered = stepOrdered;
    }

    /// <summary>The numbers of the chunks that touch the range, in index order.</summary>
    public int[] Chunks { get; }

    /// <summary>
    /// Each chunk's smallest step is at least the largest step of the chunk before it, so the chunks' points, each
    /// chunk sorted on its own, are sorted as a whole (points of one step in arrival order, as a stable sort leaves them).
    /// </summary>
    public bool StepOrdered { get; }

    /// <summary>The most points the range can hold: every chunk but the last is full and none holds more.</summary>
    public long MaxPoints => (long)Chunks.Length * RawPointChunk.PointsPerChunk;

    public static RawChunkPlan Select(ReadOnlySpan<byte> index, RawRange range)
    {
        var entries = index.Length / RawPointChunk.IndexEntrySize;
        var touching = 0;
        for (var chunk = 0; chunk < entries; chunk++)
        {
            touching += range.Overlaps(Entry(index, chunk)) ? 1 : 0;
        }

        var chunks = new int[touching];
        var covered = new bool[touching];
        var stepOrdered = true;
        var previousMaxStep = long.MinValue;
        for (int chunk = 0, i = 0; chunk < entries; chunk++)
        {
            var extent = Entry(index, chunk);
            if (!range.Overlaps(extent))
            {
                continue;
            }
            chunks[i] = chunk;
            covered[i] = range.Covers(extent);
            stepOrdered &= extent.MinStep >= previousMaxStep;
            previousMaxStep = extent.MaxStep;
            i++;
        }
        return new RawChunkPlan(chunks, covered, entries - 1, stepOrdered);
    }

    /// <summary>
    /// How many points chunk <paramref name="i"/> of <see cref="Chunks"/> has in the range, when the index tells:
    /// a full chunk (any but the last, which may still be filling) lying wholly within it. Otherwise null: the chunk
    /// must be read to know.
    /// </summary>
    public int? KnownCount(int i) =>
        _covered[i] && Chunks[i] != _lastChunk ? RawPointChunk.PointsPerChunk : null;

    private static RawChunkExtent Entry(ReadOnlySpan<byte> index, int chunk) =>
        RawPointChunk.ReadIndexEntry(index[(chunk * RawPointChunk.IndexEntrySize)..]);
}
