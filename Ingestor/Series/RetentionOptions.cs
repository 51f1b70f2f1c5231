using System.ComponentModel.DataAnnotations;

namespace Ingestor.Series;

public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// How long a run its source reports finished stays in the ingestor's memory after its last point. Then its
    /// decimated series are released (they stay in Redis, where the dashboard reads them); new points for it bring
    /// them back from Redis first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan FinishedRunsAfter { get; set; } = TimeSpan.FromHours(1);
}
