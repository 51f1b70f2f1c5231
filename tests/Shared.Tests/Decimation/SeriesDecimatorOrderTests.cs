using Decimation;

namespace Shared.Tests.Decimation;

public sealed class SeriesDecimatorOrderTests
{
    [Theory]
    [InlineData(4, 21)]
    [InlineData(64, 22)]
    [InlineData(1000, 23)]
    public void Add_GivesTheSameOutput_InAnyArrivalOrder(int maxPoints, int seed)
    {
        // Integer values: sums are exact whatever the order, so the outputs must be identical bit for bit.
        var raw = RawSeries.FromValues(TestSignals.Integers(30_000, seed));
        var inOrder = new SeriesDecimator(maxPoints);
        var shuffled = new SeriesDecimator(maxPoints);
        var late = raw.Shuffled(seed);

        inOrder.AddRange(raw.Steps, raw.TimesMs, raw.Values);
        shuffled.AddRange(late.Steps, late.TimesMs, late.Values);

        Assert.Equal(inOrder.BucketWidth, shuffled.BucketWidth);
        Assert.Equal(inOrder.GetPoints().ToArray(), shuffled.GetPoints().ToArray());
        DecimationOracle.AssertMatchesRaw(shuffled, late);
    }

    [Fact]
    public void Add_MatchesTheRawPoints_WhenSomePointsArriveLate()
    {
        var raw = RawSeries.FromValues(TestSignals.Loss(50_000)).Reordered(SeriesDecimatorTests.MostlyInOrder(50_000, seed: 24));
        var decimator = new SeriesDecimator(333);

        decimator.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        DecimationOracle.AssertMatchesRaw(decimator, raw);
    }

    [Fact]
    public void Add_MakesOnePointPerStep_WhenStepsRepeat()
    {
        var decimator = new SeriesDecimator(10);
        double[] values = [5, 1, 9, 4, 7, 2];
        long[] steps = [0, 0, 0, 1, 1, 2];

        for (var i = 0; i < values.Length; i++)
        {
            decimator.Add(steps[i], RawSeries.StartTimeMs + i, values[i]);
        }

        var points = decimator.GetPoints().ToArray();
        Assert.Equal(1, decimator.BucketWidth);
        Assert.Equal([0L, 1L, 2L], points.Select(p => p.Step));
        Assert.Equal((1.0, 9.0), (points[0].Min, points[0].Max));
        Assert.Equal((4.0, 7.0), (points[1].Min, points[1].Max));
        Assert.Equal(6, decimator.TotalPoints);
    }

    [Fact]
    public void Add_ShowsTheNewestValue_WhenTheLastStepRepeats()
    {
        var decimator = new SeriesDecimator(10);
        decimator.Add(0, RawSeries.StartTimeMs, 3);
        decimator.Add(1, RawSeries.StartTimeMs + 1, 2);
        decimator.Add(1, RawSeries.StartTimeMs + 2, 8);

        var last = decimator.GetPoints()[^1];

        Assert.Equal(new DecimatedPoint(1, RawSeries.StartTimeMs + 2, 8, 2, 8, 0), last);
    }

    [Fact]
    public void Add_MatchesTheRawPoints_WhenStepsAreNegativeOrFarApart()
    {
        long[] steps = [-5_000_000_000_000, -3, -2, -1, 0, 1, 1_000_000, 4_000_000_000_000_000_000, long.MaxValue, long.MinValue, 7, 7];
        var values = TestSignals.Uniform(steps.Length, seed: 25);
        var times = steps.Select((_, i) => RawSeries.StartTimeMs + i).ToArray();
        var decimator = new SeriesDecimator(4);

        decimator.AddRange(steps, times, values);

        DecimationOracle.AssertMatchesRaw(decimator, new RawSeries(steps, times, values));
        Assert.True(decimator.BucketWidth > 1L << 60);
    }

    [Fact]
    public void Add_MatchesTheRawPoints_WhenPointsArriveNewestFirst()
    {
        var raw = RawSeries.FromValues(TestSignals.NoisySine(20_000));
        var reversed = raw.Reordered(Enumerable.Range(0, raw.Length).Reverse().ToArray());
        var decimator = new SeriesDecimator(250);

        decimator.AddRange(reversed.Steps, reversed.TimesMs, reversed.Values);

        DecimationOracle.AssertMatchesRaw(decimator, reversed);
    }
}
