namespace Contracts.Analytics;

/// <summary>
/// Exact statistics over every batch loss of a run; the answer of <c>/api/loss/statistics</c>. Only finite
/// losses enter them; the rest are counted in <see cref="NonFinite"/>. Fields are left out while there is no
/// finite loss (and the trend while there are fewer than two).
/// </summary>
public sealed record LossStatistics
{
    public required string RunId { get; init; }

    public required long Count { get; init; }

    public required NonFiniteCounts NonFinite { get; init; }

    public double? Mean { get; init; }

    /// <summary>Population standard deviation (ddof 0).</summary>
    public double? Std { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public LossPercentiles? Percentiles { get; init; }

    public LossTrend? Trend { get; init; }

    public LossImprovement? Improvement { get; init; }
}
