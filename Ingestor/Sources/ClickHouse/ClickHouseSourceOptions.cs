using System.ComponentModel.DataAnnotations;
using ClickHouse.Http;
using Ingestor.Resilience;
using ServiceDefaults.Settings;

namespace Ingestor.Sources.ClickHouse;

/// <summary>How the ingestor reads the ClickHouse metric table (configuration section <see cref="SectionName"/>).</summary>
public sealed class ClickHouseSourceOptions : IRetrySettings, IValidatableObject
{
    public const string SectionName = "ClickHouseSource";

    /// <summary>The metric table: "table" in the connection's database, or "database.table".</summary>
    [MetricTableName]
    public string Table { get; set; } = "metric_points";

    /// <summary>How often new rows are fetched.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A run is active while its newest row is younger than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often run metadata is re-read and the whole run list handed on.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RunMetadataInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far behind the newest row a row may be written and still be picked up (late inserts, buffered
    /// writers, clock skew between trainers). Memory for de-duplication grows with the rows in this window.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LateArrivalWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows per hand-off to the series store; also bounds the memory a backfill holds at once.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 50_000;

    /// <summary>How long a query may take to start answering, and to deliver each further piece of its answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry delay after a failure; it doubles per failure, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay; at least <see cref="RetryInitialDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most config keys kept per run (from <c>tags_json</c>); keys beyond it are dropped and counted.</summary>
    [Range(1, 10_000)]
    public int MaxConfigKeys { get; set; } = 256;

    /// <summary>The longest config key, and value as JSON text, kept (characters); a longer one is dropped and counted.</summary>
    [Range(16, 65_536)]
    public int MaxConfigValueLength { get; set; } = 1024;

    /// <summary>The longest <c>tags_json</c> read (bytes); a longer one is not sent by ClickHouse, only counted.</summary>
    [Range(64, 16 * 1024 * 1024)]
    public int MaxTagsJsonLength { get; set; } = 65_536;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryInitialDelay)
        {
            yield return SettingProblem.Result(nameof(RetryMaxDelay), $"must be at least {SectionName}__{nameof(RetryInitialDelay)}", RetryMaxDelay);
        }
    }
}
