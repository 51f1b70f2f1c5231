namespace DemoGenerator.ClickHouse;

/// <summary>One row the demo inserts into <c>metric_points</c>, every column of it.</summary>
public readonly record struct MetricPoint(
    DateTime EventTime, string RunId, string Host, uint Rank, ushort Device, long Step, string Metric, double Value, string Unit, string TagsJson)
{
    /// <summary>The column's default: no device.</summary>
    public const ushort NoDevice = 65535;
}
