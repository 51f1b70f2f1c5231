using System.ComponentModel.DataAnnotations;
using ClickHouse.Http;

namespace StreamApi.History;

/// <summary>How StreamApi reads full-resolution history from ClickHouse (configuration section <see cref="SectionName"/>).</summary>
public sealed class ClickHouseHistoryOptions
{
    public const string SectionName = "ClickHouseHistory";

    /// <summary>The metric table: "table" in the connection's database, or "database.table".</summary>
    [MetricTableName]
    public string Table { get; set; } = "metric_points";

    /// <summary>
    /// The most raw rows one request pulls into the process. A range holding more is aggregated in ClickHouse per
    /// bucket (first, last, min, max and non-finite count kept), so memory stays bounded and the answer stays true.
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int MaxRawRows { get; set; } = 2_000_000;

    /// <summary>How long a query may take to start answering, and to deliver each further piece of its answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
