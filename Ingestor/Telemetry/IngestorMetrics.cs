using System.Diagnostics.Metrics;

namespace Ingestor.Telemetry;

/// <summary>
/// The ingestor's own instruments, on meter <see cref="MeterName"/> (exported by ServiceDefaults' wildcard).
/// Every source and stage records here, tagged with <c>source</c> ("clickhouse", "logdir") where it applies.
/// </summary>
public sealed class IngestorMetrics
{
    public const string MeterName = "Dashboard.Ingestor";

    public IngestorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        RowsRead = meter.CreateCounter<long>("dashboard.ingestor.rows_read", "{row}", "Rows or records read from a source.");
        PointsPublished = meter.CreateCounter<long>("dashboard.ingestor.points_published", "{point}", "Decimated points written to Redis in deltas.");
        MessagesPublished = meter.CreateCounter<long>("dashboard.ingestor.messages_published", "{message}", "Sequenced messages published to Redis.");
        DecimationRatio = meter.CreateHistogram<double>("dashboard.ingestor.decimation_ratio", "1", "Raw points per decimated point of a series, at publication.");
        PollDuration = meter.CreateHistogram<double>("dashboard.ingestor.poll_duration", "s", "Duration of one poll or scan of a source.");
        SourceErrors = meter.CreateCounter<long>("dashboard.ingestor.source_errors", "{error}", "Failed polls, malformed lines, corrupt records; tagged with source and kind.");
        PublishErrors = meter.CreateCounter<long>("dashboard.ingestor.publish_errors", "{error}", "Failed writes to Redis.");
        PublishDuration = meter.CreateHistogram<double>("dashboard.ingestor.publish_duration", "s", "Duration of one publication to Redis.");
        RunsEvicted = meter.CreateCounter<long>("dashboard.ingestor.runs_evicted", "{run}", "Finished runs whose series were released from memory (they stay in Redis).");
        RunsRestored = meter.CreateCounter<long>("dashboard.ingestor.runs_restored", "{run}", "Evicted runs read back from Redis because new points arrived for them.");
    }

    public Counter<long> RowsRead { get; }

    public Counter<long> PointsPublished { get; }

    public Counter<long> MessagesPublished { get; }

    public Histogram<double> DecimationRatio { get; }

    public Histogram<double> PollDuration { get; }

    public Counter<long> SourceErrors { get; }

    public Counter<long> PublishErrors { get; }

    public Histogram<double> PublishDuration { get; }

    public Counter<long> RunsEvicted { get; }

    public Counter<long> RunsRestored { get; }
}
