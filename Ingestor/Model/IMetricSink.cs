using Contracts.Wire;

namespace Ingestor.Model;

/// <summary>
/// Where sources hand what they read. Once a call returns, the data is part of the ingestor's state and will
/// be published, even if Redis is down right now, so a source may advance its watermark past it.
/// </summary>
public interface IMetricSink
{
    ValueTask WriteAsync(MetricBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or updates runs. A run is never removed by omission: a run whose source is gone keeps its history.
    /// </summary>
    ValueTask UpsertRunsAsync(IReadOnlyCollection<RunMeta> runs, CancellationToken cancellationToken);
}
