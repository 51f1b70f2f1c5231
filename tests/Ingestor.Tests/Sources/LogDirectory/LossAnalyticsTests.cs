using Contracts.Analytics;
using Ingestor.Sources.LogDirectory.Store;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class LossAnalyticsTests
{
    [Fact]
    public void Statistics_AreExactOverFiniteLosses_WithNonFiniteCountedApart()
    {
        var random = new Random(7);
        var run = new LogRun("r");
        var analytics = run.GetOrCreateLoss();
        var finite = new List<(long Step, double Value)>();
        var perTimestepMeans = new List<double>();
        long step = 0;
        for (var t = 0; t < 30; t++)
        {
            var timestep = analytics.GetOrAdd(new DateTime(2022, 1, 1).AddMinutes(30 * t), step);
            var values = new List<double>();
            for (var b = 0; b < 17; b++, step++)
            {
                var value = (t * b) % 23 == 5 ? double.NaN : (t * b) % 31 == 7 ? double.PositiveInfinity : (t * b) % 37 == 11 ? double.NegativeInfinity
                    : 2.0 - (0.05 * t) + (random.NextDouble() * 0.1);
                run.AddLoss(timestep, step, value, 1_000 + step);
                if (double.IsFinite(value))
                {
                    finite.Add((step, value));
                    values.Add(value);
                }
            }
            perTimestepMeans.Add(values.Sum() / values.Count);
            // Statistics are asked for while data arrives, so the sorted copy grows by merges.
            if (t % 7 == 3)
            {
                analytics.BuildStatistics();
            }
        }

        var statistics = analytics.BuildStatistics();

        var ys = finite.Select(f => f.Value).ToArray();
        var mean = ys.Sum() / ys.Length;
        Assert.Equal(ys.Length, statistics.Count);
        Assert.Equal(mean, statistics.Mean!.Value, 1e-14);
        Assert.Equal(Math.Sqrt(ys.Sum(y => (y - mean) * (y - mean)) / ys.Length), statistics.Std!.Value, 1e-14);
        Assert.Equal(ys.Min(), statistics.Min);
        Assert.Equal(ys.Max(), statistics.Max);

        var sorted = ys.Order().ToArray();
        Assert.Equal(NumpyLinearPercentile(sorted, 25), statistics.Percentiles!.P25, 1e-15);
        Assert.Equal(NumpyLinearPercentile(sorted, 50), statistics.Percentiles.P50, 1e-15);
        Assert.Equal(NumpyLinearPercentile(sorted, 75), statistics.Percentiles.P75, 1e-15);
        Assert.Equal(NumpyLinearPercentile(sorted, 90), statistics.Percentiles.P90, 1e-15);
        Assert.Equal(NumpyLinearPercentile(sorted, 95), statistics.Percentiles.P95, 1e-15);
        Assert.Equal(NumpyLinearPercentile(sorted, 99), statistics.Percentiles.P99, 1e-15);

        // Least squares by the normal equations, in decimal for an independent, precise reference.
        var n = (decimal)finite.Count;
        var sx = finite.Sum(f => (decimal)f.Step);
        var sy = finite.Sum(f => (decimal)f.Value);
        var sxy = finite.Sum(f => f.Step * (decimal)f.Value);
        var sxx = finite.Sum(f => (decimal)f.Step * f.Step);
        var slope = (double)(((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx)));
        Assert.Equal(slope, statistics.Trend!.Slope, 1e-12);
        Assert.Equal(LossTrend.Decreasing, statistics.Trend.Direction);

        Assert.Equal(perTimestepMeans[0], statistics.Improvement!.First);
        Assert.Equal(perTimestepMeans[^1], statistics.Improvement.Last);
        Assert.Equal((perTimestepMeans[0] - perTimestepMeans[^1]) / perTimestepMeans[0] * 100, statistics.Improvement.Percent!.Value, 1e-12);

        var all = analytics.Timesteps.SelectMany(analytics.LossesOf).ToArray();
        Assert.Equal(all.Count(double.IsNaN), statistics.NonFinite.Nan);
        Assert.Equal(all.Count(double.IsPositiveInfinity), statistics.NonFinite.PositiveInfinity);
        Assert.Equal(all.Count(double.IsNegativeInfinity), statistics.NonFinite.NegativeInfinity);
        Assert.True(statistics.NonFinite.Nan > 0 && statistics.NonFinite.PositiveInfinity > 0 && statistics.NonFinite.NegativeInfinity > 0);
    }

    [Fact]
    public void Statistics_LeaveOutEverythingButCounts_WhenNoLossIsFinite()
    {
        var run = new LogRun("r");
        var analytics = run.GetOrCreateLoss();
        var timestep = analytics.GetOrAdd(new DateTime(2022, 1, 1), 0);
        run.AddLoss(timestep, 0, double.NaN, 1);
        run.AddLoss(timestep, 1, double.PositiveInfinity, 2);

        var statistics = analytics.BuildStatistics();

        Assert.Equal(0, statistics.Count);
        Assert.Null(statistics.Mean);
        Assert.Null(statistics.Percentiles);
        Assert.Null(statistics.Trend);
        Assert.Null(statistics.Improvement);
        Assert.Equal(1, statistics.NonFinite.Nan);
        var summary = analytics.Summarize(timestep);
        Assert.Null(summary.Mean);
        Assert.Equal(0, summary.Count);
    }

    [Fact]
    public void Trend_IsFlat_WhenTheLossBarelyMoves()
    {
        var run = new LogRun("r");
        var analytics = run.GetOrCreateLoss();
        var timestep = analytics.GetOrAdd(new DateTime(2022, 1, 1), 0);
        for (var i = 0; i < 100; i++)
        {
            run.AddLoss(timestep, i, 1.0 + (i % 2 == 0 ? 1e-6 : -1e-6), i);
        }

        Assert.Equal(LossTrend.Flat, analytics.BuildStatistics().Trend!.Direction);
    }

    [Fact]
    public void Statistics_FollowALossReadAgainWithAnotherValue_AsIfReadSoFromTheStart()
    {
        var run = new LogRun("r");
        var analytics = run.GetOrCreateLoss();
        var timestep = analytics.GetOrAdd(new DateTime(2022, 1, 1), 0);
        double[] values = [3.0, 1.0, 2.0, 5.0, 4.0];
        for (var step = 0; step < values.Length; step++)
        {
            run.AddLoss(timestep, step, values[step], step);
        }
        Assert.Equal(3.0, analytics.BuildStatistics().Mean);

        // The file was rewritten: batch 3 now reads 0.5 (its earlier 5.0 must leave every statistic).
        Assert.Equal(PointChange.Replaced, run.AddLoss(timestep, 3, 0.5, 10));
        var statistics = analytics.BuildStatistics();

        double[] now = [3.0, 1.0, 2.0, 0.5, 4.0];
        var mean = now.Average();
        Assert.Equal(mean, statistics.Mean!.Value, 1e-15);
        Assert.Equal(Math.Sqrt(now.Sum(v => (v - mean) * (v - mean)) / now.Length), statistics.Std!.Value, 1e-15);
        Assert.Equal(0.5, statistics.Min);
        Assert.Equal(4.0, statistics.Max);
        Assert.Equal(1.0, statistics.Percentiles!.P25);
        Assert.Equal(3.0, statistics.Percentiles.P75);
    }

    private static double NumpyLinearPercentile(double[] sorted, double percent)
    {
        var rank = percent / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }
}
