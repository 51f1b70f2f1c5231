using Contracts.Series;

namespace Ingestor.Model;

/// <summary>The samples of one series within a <see cref="MetricBatch"/>, in the order the source read them.</summary>
public sealed class SeriesSamples(SeriesKey key)
{
    public SeriesKey Key { get; } = key;

    public List<MetricSample> Samples { get; } = [];

    /// <summary>The samples are the whole series: what the sink held of it is dropped first (a source read it anew).</summary>
    public bool ReplacesSeries { get; set; }
}
