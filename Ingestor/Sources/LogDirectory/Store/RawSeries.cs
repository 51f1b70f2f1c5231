using Contracts.Redis;
using Ingestor.Model;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// Every point of one log-directory series, one per step, in arrival order, in chunks of
/// <see cref="RawPointChunk.PointsPerChunk"/> (the unit written to Redis). Remembers the first chunk Redis has not
/// yet seen.
/// </summary>
public sealed class RawSeries(string seriesId)
{
    private const int Clean = int.MaxValue;

    private readonly List<MetricSample[]> _chunks = [];
    private readonly List<RawChunkExtent> _extents = [];

    public string SeriesId { get; } = seriesId;

    public int Count { get; private set; }

    public int ChunkCount => _chunks.Count;

    /// <summary>The first chunk that changed since it was last written to Redis, or <see cref="int.MaxValue"/>.</summary>
    public int DirtyFromChunk { get; private set; } = Clean;

    public bool IsDirty => DirtyFromChunk != Clean;

    /// <summary>The largest step held.</summary>
    public long MaxStep { get; private set; } = long.MinValue;

    /// <summary>Every point came with a larger step than the one before, so chunks can be searched by halving.</summary>
    private bool _ascending = true;

    /// <summary>
    /// Adds the point, or, when the series holds one at its step already (its file was rewritten or read again),
    /// gives that point the new time and value. True when a point held before changed: the decimated view of the
    /// series must then be rebuilt, since decimation only ever adds.
    /// </summary>
    public bool Set(MetricSample sample)
    {
        if (Count > 0 && sample.Step <= MaxStep && Find(sample.Step) is var (chunk, index))
        {
            ref var held = ref _chunks[chunk][index];
            if (held.TimeMs == sample.TimeMs && held.Value.Equals(sample.Value))
            {
                return false;
            }
            held = sample;
            var extent = _extents[chunk];
            _extents[chunk] = extent with { MinTimeMs = Math.Min(extent.MinTimeMs, sample.TimeMs), MaxTimeMs = Math.Max(extent.MaxTimeMs, sample.TimeMs) };
            MarkDirty(chunk);
            return true;
        }
        _ascending &= Count == 0 || sample.Step > MaxStep;
        Append(sample);
        return false;
    }

    /// <summary>Every point held, in order.</summary>
    public IEnumerable<MetricSample> All()
    {
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            var points = _chunks[chunk];
            var length = Math.Min(RawPointChunk.PointsPerChunk, Count - (chunk * RawPointChunk.PointsPerChunk));
            for (var i = 0; i < length; i++)
            {
                yield return points[i];
            }
        }
    }

    private (int Chunk, int Index)? Find(long step)
    {
        if (_ascending)
        {
            int low = 0, high = _chunks.Count - 1;
            while (low < high)
            {
                var middle = (low + high + 1) >> 1;
                if (_extents[middle].MinStep <= step)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return FindIn(low, step);
        }
        // Steps that went back (a training restarted from a checkpoint): only chunks whose range covers the step.
        for (var chunk = _chunks.Count - 1; chunk >= 0; chunk--)
        {
            var extent = _extents[chunk];
            if (extent.MinStep <= step && step <= extent.MaxStep && FindIn(chunk, step) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private (int Chunk, int Index)? FindIn(int chunk, long step)
    {
        var points = Chunk(chunk);
        if (_ascending)
        {
            int low = 0, high = points.Length - 1;
            while (low <= high)
            {
                var middle = (low + high) >> 1;
                var held = points[middle].Step;
                if (held == step)
                {
                    return (chunk, middle);
                }
                if (held < step)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return null;
        }
        for (var i = points.Length - 1; i >= 0; i--)
        {
            if (points[i].Step == step)
            {
                return (chunk, i);
            }
        }
        return null;
    }

    private void Append(MetricSample sample)
    {
        var chunk = Count / RawPointChunk.PointsPerChunk;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(new MetricSample[RawPointChunk.PointsPerChunk]);
            _extents.Add(new RawChunkExtent(sample.Step, sample.Step, sample.TimeMs, sample.TimeMs));
        }
        _chunks[chunk][Count % RawPointChunk.PointsPerChunk] = sample;
        var extent = _extents[chunk];
        _extents[chunk] = new RawChunkExtent(
            Math.Min(extent.MinStep, sample.Step), Math.Max(extent.MaxStep, sample.Step),
            Math.Min(extent.MinTimeMs, sample.TimeMs), Math.Max(extent.MaxTimeMs, sample.TimeMs));
        Count++;
        MaxStep = Math.Max(MaxStep, sample.Step);
        DirtyFromChunk = Math.Min(DirtyFromChunk, chunk);
    }

    public ReadOnlySpan<MetricSample> Chunk(int chunk) =>
        _chunks[chunk].AsSpan(0, Math.Min(RawPointChunk.PointsPerChunk, Count - (chunk * RawPointChunk.PointsPerChunk)));

    public RawChunkExtent Extent(int chunk) => _extents[chunk];

    public void MarkDirty(int fromChunk) => DirtyFromChunk = Math.Min(DirtyFromChunk, fromChunk);

    public void MarkClean() => DirtyFromChunk = Clean;

    /// <summary>Chunks before <paramref name="chunk"/> are written; the series stays dirty from there if it has more.</summary>
    public void MarkWrittenBefore(int chunk) => DirtyFromChunk = chunk >= ChunkCount ? Clean : chunk;
}
