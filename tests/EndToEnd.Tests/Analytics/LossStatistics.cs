namespace EndToEnd.Tests.Analytics;

/// <summary>
/// The statistics the ICON monitor shows, computed by the test from the losses of the log files: population
/// standard deviation, numpy's linear percentiles, a least-squares slope of loss over global step.
/// </summary>
internal sealed class LossStatistics
{
    public LossStatistics(IReadOnlyList<IReadOnlyList<double>> timesteps)
    {
        var losses = timesteps.SelectMany(t => t).ToArray();
        Count = losses.Length;
        Mean = losses.Average();
        Std = Math.Sqrt(losses.Sum(v => (v - Mean) * (v - Mean)) / losses.Length);
        Min = losses.Min();
        Max = losses.Max();
        Sorted = [.. losses.Order()];
        First = timesteps[0].Average();
        Last = timesteps[^1].Average();
        Slope = LeastSquaresSlope(losses);
    }

    public int Count { get; }

    public double Mean { get; }

    public double Std { get; }

    public double Min { get; }

    public double Max { get; }

    public double First { get; }

    public double Last { get; }

    /// <summary>Per batch: the global step is the loss's position over all timesteps.</summary>
    public double Slope { get; }

    private double[] Sorted { get; }

    public double Percentile(double percent)
    {
        var rank = percent / 100 * (Sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        return Sorted[below] + ((Sorted[(int)Math.Ceiling(rank)] - Sorted[below]) * (rank - below));
    }

    private static double LeastSquaresSlope(double[] values)
    {
        var n = (decimal)values.Length;
        decimal sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (var step = 0; step < values.Length; step++)
        {
            sx += step;
            sy += (decimal)values[step];
            sxy += step * (decimal)values[step];
            sxx += (decimal)step * step;
        }
        return (double)(((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx)));
    }
}
