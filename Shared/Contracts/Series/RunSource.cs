namespace Contracts.Series;

/// <summary>Where a run's data comes from; it decides where full-resolution history is read.</summary>
public static class RunSource
{
    public const string ClickHouse = "clickhouse";
    public const string LogDirectory = "logdir";
}
