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
    /// gives that point the new time and value; <paramref name="previous"/> is the value held before. A
    /// <see cref="PointChange.Replaced"/> point means the decimated view of the series must be rebuilt, since
    /// decimation only ever adds.
    /// </summary>
    public PointChange Set(MetricSample sample, out double previous)
    {
        previous = double.NaN;
        if (Count > 0 && sample.Step <= MaxStep && Find(sample.Step) is var (chunk, index))
        {
            ref var held = ref _chunks[chunk][index];
            previous = held.Value;
            if (held.TimeMs == sample.TimeMs && held.Value.Equals(sample.Value))
            {
                return PointChange.Unchanged;
            }
            held = sample;
            var extent = _extents[chunk];
            _extents[chunk] = extent with { MinTimeMs = Math.Min(extent.MinTimeMs, sample.TimeMs), MaxTimeMs = Math.Max(extent.MaxTimeMs, sample.TimeMs) };
            MarkDirty(chunk);
            return PointChange.Replaced;
        }
        _ascending &= Count == 0 || sample.Step > MaxStep;
        Append(sample);
        return PointChange.Added;
    }

    /// <summary>
    /// The values of the points with steps from <paramref name="firstStep"/> to <paramref name="lastStep"/>, in step
    /// order, appended to <paramref name="values"/>.
    /// </summary>
    public void CopyValues(long firstStep, long lastStep, List<double> values)
    {
        if (Count == 0 || firstStep > lastStep)
        {
            return;
        }
        if (_ascending)
        {
            for (var chunk = FirstChunkFrom(firstStep); chunk < _chunks.Count && _extents[chunk].MinStep <= lastStep; chunk++)
            {
                var points = Chunk(chunk);
                for (var i = LowerBound(points, firstStep); i < points.Length && points[i].Step <= lastStep; i++)
                {
                    values.Add(points[i].Value);
                }
            }
            return;
        }
        var found = new List<MetricSample>();
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            if (_extents[chunk].MinStep <= lastStep && _extents[chunk].MaxStep >= firstStep)
            {
                foreach (var point in Chunk(chunk))
                {
                    if (point.Step >= firstStep && point.Step <= lastStep)
                    {
                        found.Add(point);
                    }
                }
            }
        }
        found.Sort(static (a, b) => a.Step.CompareTo(b.Step));
        values.AddRange(found.Select(static point => point.Value));
    }

    /// <summary>
    /// Whether every point up to <paramref name="step"/> is in Redis as the series holds it: readers may then derive
    /// what they serve about those steps from Redis.
    /// </summary>
    public bool IsWrittenThrough(long step) =>
        !IsDirty || (_ascending && _extents[DirtyFromChunk].MinStep > step);

    private static int LowerBound(ReadOnlySpan<MetricSample> points, long step)
    {
        int low = 0, high = points.Length;
        while (low < high)
        {
            var middle = (low + high) >> 1;
            if (points[middle].Step < step)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>In an ascending series, the first chunk whose steps reach <paramref name="step"/>.</summary>
    private int FirstChunkFrom(long step)
    {
        int low = 0, high = _chunks.Count;
        while (low < high)
        {
            var middle = (low + high) >> 1;
            if (_extents[middle].MaxStep < step)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
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
