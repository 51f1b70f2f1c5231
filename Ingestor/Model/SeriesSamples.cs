using Contracts.Series;

namespace Ingestor.Model;

/// <summary>The samples of one series within a <see cref="MetricBatch"/>, in the order the source read them.</summary>
public sealed class SeriesSamples(SeriesKey key)
{
    public SeriesKey Key { get; } = key;

    public List<MetricSample> Samples { get; } = [];
}
