namespace Contracts.Analytics;

/// <summary>
/// Least-squares slope of the finite batch losses over their batch index (global step), and its direction:
/// <see cref="Flat"/> when |slope × count| is below 1 % of |mean|.
/// </summary>
public sealed record LossTrend(double Slope, string Direction)
{
    public const string Decreasing = "decreasing";
    public const string Increasing = "increasing";
    public const string Flat = "flat";
}
