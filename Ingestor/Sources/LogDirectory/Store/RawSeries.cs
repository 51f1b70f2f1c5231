using Contracts.Redis;
using Ingestor.Model;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// Every point of one log-directory series, in arrival order, in chunks of <see cref="RawPointChunk.PointsPerChunk"/>
/// (the unit written to Redis). Remembers the first chunk Redis has not yet seen.
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

    public void Append(MetricSample sample)
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
        DirtyFromChunk = Math.Min(DirtyFromChunk, chunk);
    }

    public ReadOnlySpan<MetricSample> Chunk(int chunk) =>
        _chunks[chunk].AsSpan(0, Math.Min(RawPointChunk.PointsPerChunk, Count - (chunk * RawPointChunk.PointsPerChunk)));

    public RawChunkExtent Extent(int chunk) => _extents[chunk];

    public void MarkDirty(int fromChunk) => DirtyFromChunk = Math.Min(DirtyFromChunk, fromChunk);

    public void MarkClean() => DirtyFromChunk = Clean;
}
