namespace Contracts.Analytics;

/// <summary>Series of a log-directory run that the loss analytics are served from.</summary>
public static class LossSeries
{
    /// <summary>Every batch loss at its global step: a timestep's losses are its points from the timestep's first step on.</summary>
    public const string BatchLoss = "Loss/batch";
}
