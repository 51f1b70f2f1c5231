using System.ComponentModel.DataAnnotations;

namespace StreamApi.Analytics;

/// <summary>Settings of the loss-analytics API, section <see cref="SectionName"/>.</summary>
public sealed class LossAnalyticsOptions
{
    public const string SectionName = "LossAnalytics";

    /// <summary>A run whose newest data is younger than this is active (<c>is_active</c> of <c>/api/status</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromMinutes(5);
}
