namespace StreamApi.History;

/// <summary>The answer to a <see cref="MetricHistoryQuery"/>.</summary>
public sealed class MetricHistory
{
    public required HistoryLookup Lookup { get; init; }

    /// <summary>One per host/rank/device of the metric, in that order.</summary>
    public required IReadOnlyList<HistorySeries> Series { get; init; }

    /// <summary>How many rows of the table the range holds (the raw_points of the answer).</summary>
    public required long RawPoints { get; init; }

    /// <summary>Null when <see cref="Series"/> holds the raw rows; otherwise how they were aggregated.</summary>
    public HistoryAggregation? Aggregation { get; init; }

    public static MetricHistory NotFound(HistoryLookup lookup) => new() { Lookup = lookup, Series = [], RawPoints = 0 };
}
