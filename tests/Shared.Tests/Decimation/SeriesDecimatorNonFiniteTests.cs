using Decimation;

namespace Shared.Tests.Decimation;

public sealed class SeriesDecimatorNonFiniteTests
{
    [Fact]
    public void Add_ShowsTheNonFiniteValue_WhenABucketHasNoFiniteValue()
    {
        var decimator = new SeriesDecimator(10);
        decimator.Add(0, RawSeries.StartTimeMs, 1.5);
        decimator.Add(1, RawSeries.StartTimeMs + 1, double.NaN);
        decimator.Add(2, RawSeries.StartTimeMs + 2, double.PositiveInfinity);
        decimator.Add(3, RawSeries.StartTimeMs + 3, 2.5);

        var points = decimator.GetPoints().ToArray();

        Assert.Equal(new DecimatedPoint(1, RawSeries.StartTimeMs + 1, double.NaN, double.NaN, double.NaN, 1), points[1]);
        Assert.Equal(new DecimatedPoint(2, RawSeries.StartTimeMs + 2, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 1), points[2]);
        Assert.Equal(0, points[0].NonFinite);
    }

    [Fact]
    public void Add_ShowsTheEarliestNonFiniteValue_WhenTheyArriveOutOfOrder()
    {
        var decimator = new SeriesDecimator(4);
        for (var step = 0; step < 40; step++)
        {
            if (step is < 32 or >= 36)
            {
                decimator.Add(step, RawSeries.StartTimeMs + step, step < 20 ? 1 : double.NaN);
            }
        }

        decimator.Add(35, RawSeries.StartTimeMs, double.NegativeInfinity);
        decimator.Add(33, RawSeries.StartTimeMs, double.PositiveInfinity);

        var last = decimator.GetPoints()[^1];
        Assert.Equal(16, decimator.BucketWidth);
        Assert.Equal((33L, double.PositiveInfinity, 6), (last.Step, last.Value, last.NonFinite));
    }

    [Fact]
    public void Add_KeepsNonFiniteValuesOutOfValueMinAndMax_WhenTheBucketHasFiniteOnes()
    {
        var raw = RawSeries.FromValues(WithNonFinite(TestSignals.Loss(30_000), seed: 31, everyNth: 7));
        var decimator = new SeriesDecimator(200);

        decimator.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        DecimationOracle.AssertMatchesRaw(decimator, raw);
        foreach (var point in decimator.GetPoints())
        {
            Assert.True(point.NonFinite > 0);
            Assert.True(double.IsFinite(point.Value) && double.IsFinite(point.Min) && double.IsFinite(point.Max));
        }

        var counted = 0L;
        foreach (var point in decimator.GetPoints())
        {
            counted += point.NonFinite;
        }

        Assert.Equal(raw.Values.Count(v => !double.IsFinite(v)), counted);
    }

    [Fact]
    public void Add_KeepsTheLastFiniteValueAndTheNaNTail_WhenARunDiverges()
    {
        var values = TestSignals.Loss(60_000);
        Array.Fill(values, double.NaN, 40_000, 20_000);
        var raw = RawSeries.FromValues(values);
        var decimator = new SeriesDecimator(100);

        decimator.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        DecimationOracle.AssertMatchesRaw(decimator, raw);
        var points = decimator.GetPoints().ToArray();
        var lastFinite = points.Last(p => double.IsFinite(p.Value));
        Assert.Equal((39_999L, values[39_999]), (lastFinite.Step, lastFinite.Value));
        Assert.True(double.IsNaN(points[^1].Value));
    }

    [Fact]
    public void Add_KeepsTheFirstFiniteValue_WhenTheSeriesStartsNonFinite()
    {
        double[] values = [double.PositiveInfinity, double.NaN, 3, 4, 2, 6, 5, 1, 8, 7];
        var raw = RawSeries.FromValues(values);
        var exact = new SeriesDecimator(20);
        var decimated = new SeriesDecimator(4);

        exact.AddRange(raw.Steps, raw.TimesMs, raw.Values);
        decimated.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        DecimationOracle.AssertMatchesRaw(exact, raw);
        DecimationOracle.AssertMatchesRaw(decimated, raw);
        var points = exact.GetPoints();
        Assert.Equal((0L, double.PositiveInfinity, 1), (points[0].Step, points[0].Value, points[0].NonFinite));
        Assert.Equal((2L, 3.0, 0), (points[2].Step, points[2].Value, points[2].NonFinite));
        var first = decimated.GetPoints()[0];
        Assert.Equal(4, decimated.BucketWidth);
        Assert.Equal((2L, 3.0, 3.0, 4.0, 2), (first.Step, first.Value, first.Min, first.Max, first.NonFinite));
    }

    [Fact]
    public void Add_ShowsOnlyNonFiniteValues_WhenThereIsNoFiniteOne()
    {
        var decimator = new SeriesDecimator(8);
        for (var step = 0; step < 100; step++)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, step % 2 == 0 ? double.NaN : double.NegativeInfinity);
        }

        var points = decimator.GetPoints().ToArray();

        Assert.All(points, p => Assert.True(double.IsNaN(p.Value) && double.IsNaN(p.Min) && double.IsNaN(p.Max)));
        Assert.Equal(100, points.Sum(p => p.NonFinite));
    }

    internal static double[] WithNonFinite(double[] values, int seed, int everyNth)
    {
        var random = new Random(seed);
        double[] kinds = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        for (var i = random.Next(everyNth); i < values.Length; i += everyNth)
        {
            values[i] = kinds[random.Next(kinds.Length)];
        }

        return values;
    }
}
