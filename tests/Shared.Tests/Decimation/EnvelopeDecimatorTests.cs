using Decimation;

namespace Shared.Tests.Decimation;

public sealed class EnvelopeDecimatorTests
{
    [Theory]
    [InlineData(2001, 2000)]
    [InlineData(100_000, 2000)]
    [InlineData(10_000, 3)]
    [InlineData(10_000, 2)]
    [InlineData(7, 5)]
    public void Decimate_ReturnsExactlyMaxPoints_WhenThereAreMorePoints(int n, int maxPoints)
    {
        var raw = RawSeries.FromValues(TestSignals.RandomWalk(n));

        var points = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, maxPoints);

        Assert.Equal(maxPoints, points.Length);
        Assert.Equal((raw.Steps[0], raw.Values[0]), (points[0].Step, points[0].Value));
        Assert.Equal((raw.Steps[^1], raw.Values[^1]), (points[^1].Step, points[^1].Value));
    }

    [Fact]
    public void Decimate_ReturnsEveryPointAsIs_WhenThereAreFewerThanMaxPoints()
    {
        var raw = RawSeries.FromValues(SeriesDecimatorNonFiniteTests.WithNonFinite(TestSignals.Loss(500), seed: 51, everyNth: 9));

        var points = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, 500);

        Assert.Equal(raw.Length, points.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var nonFinite = double.IsFinite(raw.Values[i]) ? 0 : 1;
            Assert.Equal(new DecimatedPoint(raw.Steps[i], raw.TimesMs[i], raw.Values[i], raw.Values[i], raw.Values[i], nonFinite), points[i]);
        }
    }

    [Theory]
    [InlineData(50_000, 1000)]
    [InlineData(12_345, 77)]
    [InlineData(1001, 2)]
    public void Decimate_EnvelopesAreExactlyTheBucketExtremes_WithNonFiniteCounted(int n, int maxPoints)
    {
        var raw = RawSeries.FromValues(SeriesDecimatorNonFiniteTests.WithNonFinite(TestSignals.NoisySine(n), seed: n, everyNth: 11));

        var points = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, maxPoints);

        var ranges = LttbBucketRanges(n, maxPoints);
        Assert.Equal(ranges.Length, points.Length);
        for (var k = 0; k < ranges.Length; k++)
        {
            var bucket = raw.Values[ranges[k].Start..ranges[k].End];
            var finite = bucket.Where(double.IsFinite).ToArray();
            Assert.Equal(bucket.Length - finite.Length, points[k].NonFinite);
            Assert.InRange(points[k].Step, ranges[k].Start, ranges[k].End - 1);
            Assert.Equal(raw.Values[points[k].Step], points[k].Value);
            if (finite.Length == 0)
            {
                Assert.Equal((bucket[0], bucket[0], bucket[0]), (points[k].Value, points[k].Min, points[k].Max));
                continue;
            }

            Assert.Equal((finite.Min(), finite.Max()), (points[k].Min, points[k].Max));
            Assert.True(double.IsFinite(points[k].Value));
        }
    }

    [Theory]
    [InlineData(10_000, 500, 52)]
    [InlineData(3000, 3, 53)]
    [InlineData(99_999, 2000, 54)]
    public void Decimate_ChoosesWhatClassicLttbChooses_WhenEveryValueIsFinite(int n, int maxPoints, int seed)
    {
        var raw = RawSeries.FromValues(TestSignals.Uniform(n, seed));

        var points = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, maxPoints);

        var xs = raw.Steps.Select(s => (double)s).ToArray();
        var kept = Lttb.SelectIndices(xs, raw.Values, maxPoints);
        Assert.Equal(kept.Select(i => raw.Steps[i]), points.Select(p => p.Step));
        Assert.Equal(kept.Select(i => raw.Values[i]), points.Select(p => p.Value));
    }

    [Fact]
    public void Decimate_ShowsTheNonFiniteValue_WhenABucketHasNoFiniteValue()
    {
        double[] values = [1, 2, double.NaN, double.NegativeInfinity, double.NaN, double.NaN, 4, 5, 6];
        var raw = RawSeries.FromValues(values);

        var points = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, 5);

        // Buckets: [0], [1, 2], [3, 4], [5, 6, 7], [8].
        Assert.Equal(new DecimatedPoint(3, raw.TimesMs[3], double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity, 2), points[2]);
        Assert.Equal((2.0, 2.0, 1), (points[1].Value, points[1].Max, points[1].NonFinite));
        Assert.Equal((4.0, 5.0, 1), (points[3].Min, points[3].Max, points[3].NonFinite));
    }

    [Fact]
    public void Decimate_NeverSplitsAStep_WhenStepsRepeat()
    {
        var steps = Enumerable.Range(0, 10_000).Select(i => (long)(i / 7)).ToArray();
        var times = steps.Select(s => RawSeries.StartTimeMs + s).ToArray();
        var values = TestSignals.RandomWalk(steps.Length);

        var points = EnvelopeDecimator.Decimate(steps, times, values, 300);

        Assert.InRange(points.Length, 250, 300);
        for (var i = 1; i < points.Length; i++)
        {
            Assert.True(points[i].Step > points[i - 1].Step, $"step {points[i].Step} does not follow {points[i - 1].Step}");
        }

        Assert.Equal(values.Min(), points.Min(p => p.Min));
        Assert.Equal(values.Max(), points.Max(p => p.Max));
        Assert.Equal(values[^1], points[^1].Value);
    }

    [Fact]
    public void Decimate_ReturnsNothing_WhenThereAreNoPoints()
    {
        Assert.Empty(EnvelopeDecimator.Decimate([], [], [], 2000));
    }

    [Fact]
    public void Decimate_Throws_WhenStepsAreNotSorted()
    {
        var error = Assert.Throws<ArgumentException>(() => EnvelopeDecimator.Decimate([0, 2, 1], [0, 0, 0], [1, 2, 3], 2));

        Assert.Contains("sorted", error.Message);
    }

    [Fact]
    public void Decimate_Throws_WhenLengthsDiffer()
    {
        Assert.Throws<ArgumentException>(() => EnvelopeDecimator.Decimate([0, 1], [0], [1, 2], 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Decimate_Throws_WhenMaxPointsIsBelowTwo(int maxPoints)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeDecimator.Decimate([0, 1, 2], [0, 0, 0], [1, 2, 3], maxPoints));

        Assert.Equal("maxPoints", error.ParamName);
    }

    /// <summary>LTTB's buckets as the contract states them: the first point, equal-count inner buckets, the last point.
    /// With two points allowed, the two halves.</summary>
    private static (int Start, int End)[] LttbBucketRanges(int n, int maxPoints)
    {
        if (maxPoints == 2)
        {
            return [(0, n / 2), (n / 2, n)];
        }

        var inner = maxPoints - 2;
        var ranges = new List<(int, int)> { (0, 1) };
        for (var b = 0; b < inner; b++)
        {
            ranges.Add((1 + (int)((long)b * (n - 2) / inner), 1 + (int)((long)(b + 1) * (n - 2) / inner)));
        }

        ranges.Add((n - 1, n));
        return ranges.ToArray();
    }
}
