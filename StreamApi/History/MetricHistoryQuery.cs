namespace StreamApi.History;

/// <summary>One metric of one run, optionally within an inclusive step range and/or wall-time range (Unix ms).</summary>
public sealed record MetricHistoryQuery(string RunId, string Metric)
{
    public long? FromStep { get; init; }

    public long? ToStep { get; init; }

    public long? FromTimeMs { get; init; }

    public long? ToTimeMs { get; init; }
}
