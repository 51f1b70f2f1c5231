namespace Ingestor.Sources.ClickHouse;

/// <summary>One row of the run metadata query (<c>GROUP BY run_id</c>); times are Unix milliseconds.</summary>
public readonly record struct RunSummary(string RunId, long StartMs, long LastMs, long LatestStep, int SeriesCount);
