namespace StreamApi.History;

/// <summary>How StreamApi reads full-resolution history from ClickHouse (configuration section <see cref="SectionName"/>).</summary>
public sealed class ClickHouseHistoryOptions
{
    public const string SectionName = "ClickHouseHistory";

    /// <summary>The metric table: "table" in the connection's database, or "database.table".</summary>
    public string Table { get; set; } = "metric_points";

    /// <summary>
    /// The most raw rows one request pulls into the process. A range holding more is aggregated in ClickHouse per
    /// bucket (first, last, min, max and non-finite count kept), so memory stays bounded and the answer stays true.
    /// </summary>
    public int MaxRawRows { get; set; } = 2_000_000;

    /// <summary>How long a query may take to start answering, and to deliver each further piece of its answer.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
