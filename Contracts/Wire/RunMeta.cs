namespace Contracts.Wire;

/// <summary>What the dashboard knows of a run. Times are UTC.</summary>
public sealed record RunMeta
{
    public required string RunId { get; init; }

    /// <summary><see cref="Series.RunSource"/>: "clickhouse" or "logdir".</summary>
    public required string Source { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required DateTimeOffset LastEventTime { get; init; }

    public required long LatestStep { get; init; }

    /// <summary>Data arrived within the active window (5 minutes by default).</summary>
    public required bool IsActive { get; init; }

    public int SeriesCount { get; init; }
}
