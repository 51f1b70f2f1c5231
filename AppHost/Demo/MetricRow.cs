namespace AppHost.Demo;

/// <summary>One row of <c>training_observability.metric_points</c>.</summary>
public readonly record struct MetricRow(
    DateTime EventTime, string RunId, string Host, uint Rank, ushort Device, long Step, string Metric, double Value, string Unit, string TagsJson)
{
    /// <summary>The column's default: no device.</summary>
    public const ushort NoDevice = 65535;
}
