namespace Contracts.Analytics;

/// <summary>Percentiles of the finite batch losses, linearly interpolated between order statistics (numpy's default).</summary>
public sealed record LossPercentiles(double P25, double P50, double P75, double P90, double P95, double P99);
