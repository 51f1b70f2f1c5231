using Decimation;

namespace Shared.Tests.Decimation;

public sealed class SeriesDecimatorChangeTests
{
    [Fact]
    public void TakeChange_ReturnsNone_BeforeAnyData()
    {
        var decimator = new SeriesDecimator(10);

        Assert.Equal(DecimationChangeKind.None, decimator.TakeChange().Kind);
        Assert.True(decimator.GetPoints().IsEmpty);
    }

    [Fact]
    public void TakeChange_ReturnsReplaceOnce_AfterTheFirstData()
    {
        var decimator = new SeriesDecimator(10);
        decimator.TakeChange();
        decimator.Add(0, RawSeries.StartTimeMs, 1);

        Assert.Equal(DecimationChangeKind.Replace, decimator.TakeChange().Kind);
        Assert.Equal(DecimationChangeKind.None, decimator.TakeChange().Kind);
    }

    [Fact]
    public void TakeChange_ReturnsATailFromThePreviousBucket_WhenAPointIsAppended()
    {
        var decimator = Filled(maxPoints: 2000, points: 10);

        decimator.Add(10, RawSeries.StartTimeMs + 10, 0.5);

        Assert.Equal(DecimationChange.Tail(9), decimator.TakeChange());
        Assert.Equal([9L, 10L], decimator.GetPointsFrom(9).ToArray().Select(p => p.Step));
    }

    [Fact]
    public void TakeChange_ReturnsATailFromTheBucketBeforeALatePoint()
    {
        var decimator = Filled(maxPoints: 2000, points: 100);

        decimator.Add(50, RawSeries.StartTimeMs, 7);

        Assert.Equal(DecimationChange.Tail(49), decimator.TakeChange());
    }

    [Fact]
    public void TakeChange_ReturnsACoarsen_WhenTheBucketWidthDoubles()
    {
        var decimator = Filled(maxPoints: 4, points: 4);

        decimator.Add(4, RawSeries.StartTimeMs + 4, 1);

        Assert.Equal(2, decimator.BucketWidth);
        Assert.Equal(DecimationChange.Coarsen(0), decimator.TakeChange());
    }

    [Fact]
    public void TakeChange_StartsTheTailBeforeANonFiniteRun_WhenAFiniteValueArrivesAfterIt()
    {
        var decimator = new SeriesDecimator(100);
        decimator.Add(0, RawSeries.StartTimeMs, 1);
        decimator.Add(1, RawSeries.StartTimeMs, 2);
        for (var step = 2; step < 10; step++)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, double.NaN);
        }

        decimator.TakeChange();
        decimator.Add(10, RawSeries.StartTimeMs + 10, 3);

        // Step 1 was the last finite point (kept as the truth); now LTTB chooses for it, so it may change.
        Assert.Equal(DecimationChange.Tail(1), decimator.TakeChange());
    }

    [Theory]
    [InlineData(8, 41)]
    [InlineData(64, 42)]
    [InlineData(500, 43)]
    public void TakeChange_DescribesEveryChange_ForRandomArrivals(int maxPoints, int seed)
    {
        var random = new Random(seed);
        var decimator = new SeriesDecimator(maxPoints);
        var held = Array.Empty<DecimatedPoint>();
        var width = decimator.BucketWidth;
        long nextStep = 0;
        var tails = 0;
        var coarsens = 0;
        var fed = new List<(long Step, double Value)>();
        for (var round = 0; round < 300; round++)
        {
            var batch = random.Next(0, 200);
            var smallestAdded = long.MaxValue;
            for (var i = 0; i < batch; i++)
            {
                var late = random.Next(10) == 0 && nextStep > 0;
                var step = late ? random.NextInt64(nextStep) : nextStep++;
                var value = random.Next(30) == 0 ? double.NaN : random.NextDouble();
                smallestAdded = Math.Min(smallestAdded, step);
                fed.Add((step, value));
                decimator.Add(step, RawSeries.StartTimeMs + step, value);
                if (random.Next(50) == 0)
                {
                    // Reading the output between changes must not disturb change tracking.
                    _ = decimator.GetPoints();
                }
            }

            var change = decimator.TakeChange();
            var current = decimator.GetPoints().ToArray();
            var widened = decimator.BucketWidth != width;
            width = decimator.BucketWidth;
            switch (change.Kind)
            {
                case DecimationChangeKind.None:
                    Assert.Equal(held, current);
                    break;
                case DecimationChangeKind.Tail:
                    Assert.False(widened, "a doubling must be a coarsen");
                    Assert.Equal(held.Where(p => p.Step < change.FromStep), current.Where(p => p.Step < change.FromStep));
                    Assert.Equal(current.Where(p => p.Step >= change.FromStep), decimator.GetPointsFrom(change.FromStep).ToArray());
                    AssertTailIsTight(change.FromStep, held, smallestAdded, width);
                    tails++;
                    break;
                case DecimationChangeKind.Coarsen:
                    Assert.True(widened, "a coarsen without a doubling");
                    Assert.Equal(current.Where(p => p.Step >= change.FromStep), decimator.GetPointsFrom(change.FromStep).ToArray());
                    coarsens++;
                    break;
                case DecimationChangeKind.Replace:
                    Assert.True(held.Length == 0, "a replace after the first data");
                    break;
            }

            held = current;
            if (round % 10 == 0)
            {
                AssertSameBuckets(FromScratch(maxPoints, fed), current, width);
            }
        }

        Assert.True(tails > 100, $"only {tails} tails");
        Assert.True(coarsens > 0, "no coarsen");
    }

    /// <summary>
    /// The same buckets with the same envelopes and counts as the same points decimated at once. Which point shows a
    /// bucket may differ: after a doubling it was merged from the points shown before, as clients merge them.
    /// </summary>
    private static void AssertSameBuckets(DecimatedPoint[] expected, DecimatedPoint[] actual, long width)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Step / width, actual[i].Step / width);
            Assert.Equal((expected[i].Min, expected[i].Max, expected[i].NonFinite), (actual[i].Min, actual[i].Max, actual[i].NonFinite));
            if (!double.IsFinite(expected[i].Value))
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }
    }

    /// <summary>A tail may start no earlier than the bucket of the last finite point before the first changed bucket.</summary>
    private static void AssertTailIsTight(long fromStep, DecimatedPoint[] held, long smallestAdded, long width)
    {
        var changedBucketStart = smallestAdded / width * width;
        var previous = held.Where(p => p.Step < changedBucketStart && double.IsFinite(p.Value)).ToArray();
        var bound = previous.Length == 0 ? Math.Min(changedBucketStart, held.Length == 0 ? long.MaxValue : held[0].Step) : previous[^1].Step / width * width;
        Assert.True(fromStep >= bound, $"tail from {fromStep} is wider than needed (from {bound})");
    }

    /// <summary>The same points fed to a new decimator and read once: what the incremental updates must equal.</summary>
    private static DecimatedPoint[] FromScratch(int maxPoints, List<(long Step, double Value)> fed)
    {
        var decimator = new SeriesDecimator(maxPoints);
        foreach (var (step, value) in fed)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, value);
        }

        return decimator.GetPoints().ToArray();
    }

    private static SeriesDecimator Filled(int maxPoints, int points)
    {
        var decimator = new SeriesDecimator(maxPoints);
        for (var step = 0; step < points; step++)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, Math.Sin(step));
        }

        decimator.TakeChange();
        return decimator;
    }
}
