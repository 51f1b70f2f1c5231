namespace Contracts.Analytics;

/// <summary>
/// Mean loss of the first and of the last timestep that have a finite mean; <c>percent</c> is
/// (first − last) / first × 100, left out when first is 0.
/// </summary>
public sealed record LossImprovement(double First, double Last, double Absolute, double? Percent);
