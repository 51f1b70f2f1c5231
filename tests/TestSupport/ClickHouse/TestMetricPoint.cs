namespace TestSupport.ClickHouse;

/// <summary>A row to insert into the test metric table.</summary>
public sealed record TestMetricPoint(
    string RunId, string Metric, long Step, double Value, DateTimeOffset Time, string Host = "", uint Rank = 0, ushort Device = 65535,
    string Unit = "", string TagsJson = "");
