using Contracts.Redis;
using Ingestor.Model;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// Every point of one log-directory series, one per step, in arrival order, in chunks of
/// <see cref="RawPointChunk.PointsPerChunk"/> encoded as Redis stores them (<see cref="RawPointChunk"/>: about 10 bytes
/// a point instead of 24), so the same bytes are held and written. Remembers the first chunk Redis has not yet seen.
/// </summary>
public sealed class RawSeries(string seriesId)
{
    private const int Clean = int.MaxValue;

    private readonly List<RawChunkEncoder> _chunks = [];
    private readonly List<RawChunkExtent> _extents = [];

    public string SeriesId { get; } = seriesId;

    public int Count { get; private set; }

    public int ChunkCount => _chunks.Count;

    /// <summary>The first chunk that changed since it was last written to Redis, or <see cref="int.MaxValue"/>.</summary>
    public int DirtyFromChunk { get; private set; } = Clean;

    public bool IsDirty => DirtyFromChunk != Clean;

    /// <summary>The largest step held.</summary>
    public long MaxStep { get; private set; } = long.MinValue;

    /// <summary>The point added last.</summary>
    public MetricSample? Last { get; private set; }

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
            var points = Decode(chunk);
            previous = points[index].Value;
            if (points[index].TimeMs == sample.TimeMs && points[index].Value.Equals(sample.Value))
            {
                return PointChange.Unchanged;
            }
            points[index] = sample;
            _chunks[chunk] = Encode(points, seal: chunk < _chunks.Count - 1 || points.Length == RawPointChunk.PointsPerChunk);
            if (chunk == _chunks.Count - 1 && index == points.Length - 1)
            {
                Last = sample;
            }
            var extent = _extents[chunk];
            _extents[chunk] = extent with { MinTimeMs = Math.Min(extent.MinTimeMs, sample.TimeMs), MaxTimeMs = Math.Max(extent.MaxTimeMs, sample.TimeMs) };
            MarkDirty(chunk);
            return PointChange.Replaced;
        }
        _ascending &= Count == 0 || sample.Step > MaxStep;
        Append(sample);
        return PointChange.Added;
    }

    /// <summary>Every point held, in order.</summary>
    public IEnumerable<MetricSample> All()
    {
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            foreach (var point in Decode(chunk))
            {
                yield return point;
            }
        }
    }

    /// <summary>The points of one chunk, decoded as they are walked.</summary>
    public RawChunkReader Read(int chunk) => new(_chunks[chunk].Encoded.Span);

    /// <summary>One chunk as Redis stores it; the bytes never change once handed out (a change makes new ones).</summary>
    public ReadOnlyMemory<byte> Encoded(int chunk) => _chunks[chunk].Encoded;

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
                var reader = Read(chunk);
                while (reader.MoveNext() && reader.Step <= lastStep)
                {
                    if (reader.Step >= firstStep)
                    {
                        values.Add(reader.Value);
                    }
                }
            }
            return;
        }
        var found = new List<MetricSample>();
        for (var chunk = 0; chunk < _chunks.Count; chunk++)
        {
            if (_extents[chunk].MinStep <= lastStep && _extents[chunk].MaxStep >= firstStep)
            {
                var reader = Read(chunk);
                while (reader.MoveNext())
                {
                    if (reader.Step >= firstStep && reader.Step <= lastStep)
                    {
                        found.Add(new MetricSample(reader.Step, reader.TimeMs, reader.Value));
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

    public RawChunkExtent Extent(int chunk) => _extents[chunk];

    public void MarkDirty(int fromChunk) => DirtyFromChunk = Math.Min(DirtyFromChunk, fromChunk);

    public void MarkClean() => DirtyFromChunk = Clean;

    /// <summary>Chunks before <paramref name="chunk"/> are written; the series stays dirty from there if it has more.</summary>
    public void MarkWrittenBefore(int chunk) => DirtyFromChunk = chunk >= ChunkCount ? Clean : chunk;

    private (int Chunk, int Index)? Find(long step)
    {
        if (_ascending)
        {
            var chunk = FirstChunkFrom(step);
            return chunk < _chunks.Count ? FindIn(chunk, step) : null;
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

    /// <summary>The last point of the chunk at <paramref name="step"/> (a repeated step keeps one point: the newest).</summary>
    private (int Chunk, int Index)? FindIn(int chunk, long step)
    {
        int? found = null;
        var reader = Read(chunk);
        for (var i = 0; reader.MoveNext(); i++)
        {
            if (reader.Step == step)
            {
                found = i;
            }
        }
        return found is { } index ? (chunk, index) : null;
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

    private MetricSample[] Decode(int chunk)
    {
        var points = new MetricSample[_chunks[chunk].Count];
        var reader = Read(chunk);
        for (var i = 0; reader.MoveNext(); i++)
        {
            points[i] = new MetricSample(reader.Step, reader.TimeMs, reader.Value);
        }
        return points;
    }

    private static RawChunkEncoder Encode(MetricSample[] points, bool seal)
    {
        var encoder = new RawChunkEncoder();
        foreach (var point in points)
        {
            encoder.Append(point.Step, point.TimeMs, point.Value);
        }
        if (seal)
        {
            encoder.Seal();
        }
        return encoder;
    }

    private void Append(MetricSample sample)
    {
        var chunk = Count / RawPointChunk.PointsPerChunk;
        if (chunk == _chunks.Count)
        {
            if (chunk > 0)
            {
                _chunks[chunk - 1].Seal();
            }
            _chunks.Add(new RawChunkEncoder());
            _extents.Add(new RawChunkExtent(sample.Step, sample.Step, sample.TimeMs, sample.TimeMs));
        }
        _chunks[chunk].Append(sample.Step, sample.TimeMs, sample.Value);
        var extent = _extents[chunk];
        _extents[chunk] = new RawChunkExtent(
            Math.Min(extent.MinStep, sample.Step), Math.Max(extent.MaxStep, sample.Step),
            Math.Min(extent.MinTimeMs, sample.TimeMs), Math.Max(extent.MaxTimeMs, sample.TimeMs));
        Count++;
        MaxStep = Math.Max(MaxStep, sample.Step);
        Last = sample;
        DirtyFromChunk = Math.Min(DirtyFromChunk, chunk);
    }
}
