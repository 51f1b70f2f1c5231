using Decimation;

namespace Shared.Tests.Decimation;

public sealed class SeriesDecimatorTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_Throws_WhenMaxPointsIsBelowFour(int maxPoints)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SeriesDecimator(maxPoints));

        Assert.Equal("maxPoints", error.ParamName);
        Assert.Contains("at least 4", error.Message);
    }

    [Fact]
    public void Add_KeepsEveryPointAsIs_WhenFewerStepsThanTheCap()
    {
        var raw = RawSeries.FromValues(TestSignals.Loss(1999));
        var decimator = new SeriesDecimator(2000);

        decimator.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        Assert.Equal(1, decimator.BucketWidth);
        var points = decimator.GetPoints().ToArray();
        Assert.Equal(raw.Length, points.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            Assert.Equal(new DecimatedPoint(raw.Steps[i], raw.TimesMs[i], raw.Values[i], raw.Values[i], raw.Values[i], 0), points[i]);
        }
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(100, 3)]
    [InlineData(2000, 4)]
    public void Add_StaysWithinTheCapAndMatchesTheRawPoints_WhileStreaming(int maxPoints, int seed)
    {
        var raw = RawSeries.FromValues(TestSignals.RandomWalk(30_000, seed));
        var decimator = new SeriesDecimator(maxPoints);
        var random = new Random(seed);

        var fed = 0;
        while (fed < raw.Length)
        {
            var take = Math.Min(raw.Length - fed, random.Next(1, 3000));
            decimator.AddRange(raw.Steps.AsSpan(fed, take), raw.TimesMs.AsSpan(fed, take), raw.Values.AsSpan(fed, take));
            fed += take;
            Assert.InRange(decimator.Count, 1, maxPoints);
            DecimationOracle.AssertMatchesRaw(decimator, new RawSeries(raw.Steps[..fed], raw.TimesMs[..fed], raw.Values[..fed]));
        }
    }

    [Fact]
    public void GetPoints_KeepsTheFirstAndTheLastRawPoint_WhenDecimated()
    {
        var raw = RawSeries.FromValues(TestSignals.NoisySine(100_001), firstStep: 17);
        var decimator = new SeriesDecimator(500);

        decimator.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        var points = decimator.GetPoints();
        Assert.True(decimator.BucketWidth > 1);
        Assert.Equal((17L, raw.TimesMs[0], raw.Values[0]), (points[0].Step, points[0].TimeMs, points[0].Value));
        Assert.Equal((raw.Steps[^1], raw.TimesMs[^1], raw.Values[^1]), (points[^1].Step, points[^1].TimeMs, points[^1].Value));
    }

    [Fact]
    public void Envelope_KeepsASpike_AfterAnyAmountOfFurtherData()
    {
        var decimator = new SeriesDecimator(100);
        var random = new Random(5);
        decimator.Add(0, RawSeries.StartTimeMs, 1.0);
        decimator.Add(1, RawSeries.StartTimeMs, 1e6);
        for (long step = 2, checkpoint = 1000; step <= 3_000_000; step++)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, random.NextDouble());
            if (step == checkpoint)
            {
                var bucketOfSpike = decimator.GetPoints()[0];
                Assert.Equal(1e6, bucketOfSpike.Max);
                checkpoint *= 3;
            }
        }

        Assert.True(decimator.BucketWidth >= 32_768);
        Assert.Equal(1e6, decimator.GetPoints()[0].Max);
    }

    [Fact]
    public void Envelope_HoldsEveryRawPoint_OfTrainingShapedSeries()
    {
        foreach (var values in new[] { TestSignals.Loss(50_000), TestSignals.NoisySine(50_000), TestSignals.Spike(50_000, 31_337) })
        {
            var raw = RawSeries.FromValues(values);
            var decimator = new SeriesDecimator(700);

            decimator.AddRange(raw.Steps, raw.TimesMs, raw.Values);

            DecimationOracle.AssertMatchesRaw(decimator, raw);
        }
    }

    [Fact]
    public void AddRange_GivesTheSameOutput_AsAddingOnePointAtATime()
    {
        var values = SeriesDecimatorNonFiniteTests.WithNonFinite(TestSignals.Loss(40_000), seed: 6, everyNth: 50);
        var raw = RawSeries.FromValues(values).Reordered(MostlyInOrder(40_000, seed: 6));
        var one = new SeriesDecimator(300);
        var range = new SeriesDecimator(300);

        for (var i = 0; i < raw.Length; i++)
        {
            one.Add(raw.Steps[i], raw.TimesMs[i], raw.Values[i]);
        }

        range.AddRange(raw.Steps, raw.TimesMs, raw.Values);

        Assert.Equal(one.GetPoints().ToArray(), range.GetPoints().ToArray());
        Assert.Equal((one.TotalPoints, one.BucketWidth), (range.TotalPoints, range.BucketWidth));
    }

    [Fact]
    public void AddRange_Throws_WhenLengthsDiffer()
    {
        var decimator = new SeriesDecimator(10);

        Assert.Throws<ArgumentException>(() => decimator.AddRange(new long[3], new long[3], new double[2]));
        Assert.Equal(0, decimator.TotalPoints);
    }

    [Fact]
    public void ApproximateBytes_StaysBounded_ForTenMillionPoints()
    {
        var decimator = new SeriesDecimator(2000);
        var steps = new long[100_000];
        var times = new long[steps.Length];
        var values = TestSignals.Uniform(steps.Length, seed: 9);
        long bytesAfterFirstChunk = 0;
        for (var chunk = 0; chunk < 100; chunk++)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                steps[i] = (long)chunk * steps.Length + i;
                times[i] = RawSeries.StartTimeMs + steps[i];
            }

            decimator.AddRange(steps, times, values);
            bytesAfterFirstChunk = chunk == 0 ? decimator.ApproximateBytes : bytesAfterFirstChunk;
        }

        Assert.Equal(10_000_000, decimator.TotalPoints);
        Assert.Equal(bytesAfterFirstChunk, decimator.ApproximateBytes);
        Assert.InRange(decimator.ApproximateBytes, 1, 2001 * 160);
    }

    [Fact]
    public void ApproximateBytes_IsSmall_ForAShortSeries()
    {
        var decimator = new SeriesDecimator(2000);

        decimator.Add(0, RawSeries.StartTimeMs, 1);
        decimator.Add(1, RawSeries.StartTimeMs, 2);

        Assert.InRange(decimator.ApproximateBytes, 1, 4096);
    }

    /// <summary>Arrival order where one point in ten comes up to 3000 positions late.</summary>
    internal static int[] MostlyInOrder(int n, int seed)
    {
        var random = new Random(seed);
        var keys = new double[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = random.Next(10) == 0 ? i + random.Next(3000) : i;
        }

        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys, order);
        return order;
    }
}
