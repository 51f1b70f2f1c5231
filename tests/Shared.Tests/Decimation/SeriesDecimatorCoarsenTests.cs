using Decimation;
using TestSupport.Sse;

namespace Shared.Tests.Decimation;

/// <summary>
/// A doubling of the bucket width travels as a coarsen op that a client applies to the points it holds: whatever
/// arrives, a client that applied every change holds exactly the decimator's output, bit for bit.
/// </summary>
public sealed class SeriesDecimatorCoarsenTests
{
    public static TheoryData<ArrivalPattern, int, int> Cases()
    {
        var cases = new TheoryData<ArrivalPattern, int, int>();
        foreach (var pattern in Enum.GetValues<ArrivalPattern>())
        {
            foreach (var maxPoints in new[] { 4, 5, 8, 64, 333 })
            {
                for (var seed = 1; seed <= 3; seed++)
                {
                    cases.Add(pattern, maxPoints, (int)pattern * 1000 + maxPoints * 10 + seed);
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AClientApplyingEveryChange_HoldsExactlyTheOutput(ArrivalPattern pattern, int maxPoints, int seed)
    {
        var arrivals = new RandomArrivals(pattern, seed);
        var decimator = new SeriesDecimator(maxPoints);
        var client = new HeldSeries();
        var random = new Random(seed);
        var coarsens = 0;
        for (var round = 0; round < 600; round++)
        {
            foreach (var (step, timeMs, value) in arrivals.NextBatch())
            {
                decimator.Add(step, timeMs, value);
                if (random.Next(40) == 0)
                {
                    // Reading the output between changes must not disturb change tracking.
                    _ = decimator.GetPoints();
                }
            }

            var widthBefore = client.BucketWidth;
            var change = decimator.TakeChange();
            Apply(client, change, decimator);
            coarsens += change.Kind == DecimationChangeKind.Coarsen ? 1 : 0;
            if (change.Kind == DecimationChangeKind.Tail)
            {
                Assert.Equal(widthBefore, decimator.BucketWidth);
            }
            BitExact.Equal(decimator.GetPoints(), client.Points, $"{pattern}, round {round}, after a {change.Kind}");
        }

        Assert.True(coarsens > 0, "no doubling was sent as a coarsen");
        DecimationOracle.AssertMatchesRaw(decimator, arrivals.Raw);
    }

    [Theory]
    [InlineData(ArrivalPattern.InOrder, 8)]
    [InlineData(ArrivalPattern.LatePoints, 64)]
    [InlineData(ArrivalPattern.NonFiniteRuns, 16)]
    [InlineData(ArrivalPattern.SparseSteps, 5)]
    public void AClientFollowingARestoredSeries_HoldsExactlyTheOutput(ArrivalPattern pattern, int maxPoints)
    {
        var arrivals = new RandomArrivals(pattern, seed: maxPoints);
        var decimator = new SeriesDecimator(maxPoints);
        var client = new HeldSeries();
        var coarsens = 0;
        for (var round = 0; round < 400; round++)
        {
            if (round == 200)
            {
                // A run evicted from memory and read back from its stored points: its next change is a replace.
                decimator = SeriesDecimator.Restore(maxPoints, decimator.BucketWidth, decimator.TotalPoints, decimator.GetPoints());
            }
            foreach (var (step, timeMs, value) in arrivals.NextBatch())
            {
                decimator.Add(step, timeMs, value);
            }

            var change = decimator.TakeChange();
            Apply(client, change, decimator);
            coarsens += round > 200 && change.Kind == DecimationChangeKind.Coarsen ? 1 : 0;
            BitExact.Equal(decimator.GetPoints(), client.Points, $"{pattern}, round {round}, after a {change.Kind}");
        }

        Assert.True(coarsens > 0, "no coarsen after the restore");
    }

    [Fact]
    public void TakeChange_ReturnsACoarsenOfTheLastPoints_WhenALiveSeriesDoublesItsWidth()
    {
        var decimator = new SeriesDecimator(2000);
        for (var step = 0; step < 2000; step++)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, Math.Sin(step * 0.01));
        }
        var client = new HeldSeries();
        Apply(client, decimator.TakeChange(), decimator);

        decimator.Add(2000, RawSeries.StartTimeMs + 2000, 0.5);
        var change = decimator.TakeChange();

        Assert.Equal(DecimationChangeKind.Coarsen, change.Kind);
        Assert.Equal(2, decimator.BucketWidth);
        Assert.Equal(1001, decimator.Count);
        // Old step 1999 may have changed (it was the last point), so the bucket holding it travels, and the one
        // before it, whose merge looked at it; the 998 merged points before are the client's own merge.
        Assert.Equal(1996, change.FromStep);
        Assert.Equal(3, decimator.GetPointsFrom(change.FromStep).Length);
        Apply(client, change, decimator);
        BitExact.Equal(decimator.GetPoints(), client.Points, "after the doubling");
    }

    [Fact]
    public void Coarsen_DoublesSeveralTimesAtOnce_WhenStepsAreSparse()
    {
        var decimator = new SeriesDecimator(4);
        foreach (var step in new long[] { 0, 8, 16, 24 })
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, step);
        }
        var client = new HeldSeries();
        Apply(client, decimator.TakeChange(), decimator);

        decimator.Add(32, RawSeries.StartTimeMs + 32, -1);
        var change = decimator.TakeChange();

        // Widths 2, 4 and 8 still hold five buckets; 16 holds three.
        Assert.Equal(DecimationChangeKind.Coarsen, change.Kind);
        Assert.Equal(16, decimator.BucketWidth);
        Apply(client, change, decimator);
        BitExact.Equal(decimator.GetPoints(), client.Points, "after four doublings");
        Assert.Equal([0L, 24L, 32L], client.Points.Select(p => p.Step));
    }

    [Fact]
    public void Coarsen_KeepsTheFirstNonFiniteValue_OfBucketsWithoutAFiniteOne()
    {
        var decimator = new SeriesDecimator(4);
        decimator.Add(0, RawSeries.StartTimeMs, 1);
        decimator.Add(1, RawSeries.StartTimeMs + 1, double.PositiveInfinity);
        decimator.Add(2, RawSeries.StartTimeMs + 2, double.NaN);
        decimator.Add(3, RawSeries.StartTimeMs + 3, double.NaN);
        decimator.TakeChange();
        decimator.Add(4, RawSeries.StartTimeMs + 4, 2);

        Assert.Equal(DecimationChangeKind.Coarsen, decimator.TakeChange().Kind);
        var points = decimator.GetPoints().ToArray();
        Assert.Equal(new DecimatedPoint(0, RawSeries.StartTimeMs, 1, 1, 1, 1), points[0]);
        Assert.Equal(new DecimatedPoint(2, RawSeries.StartTimeMs + 2, double.NaN, double.NaN, double.NaN, 2), points[1]);
        Assert.Equal(new DecimatedPoint(4, RawSeries.StartTimeMs + 4, 2, 2, 2, 0), points[2]);
    }

    [Fact]
    public void Coarsen_IsAReplace_WhenNothingWasTakenYet()
    {
        var decimator = new SeriesDecimator(4);
        for (var step = 0; step < 100; step++)
        {
            decimator.Add(step, RawSeries.StartTimeMs + step, step % 7);
        }

        Assert.Equal(DecimationChangeKind.Replace, decimator.TakeChange().Kind);
    }

    /// <summary>What a client does with a change: what the Ingestor sends it, applied as the protocol says.</summary>
    private static void Apply(HeldSeries client, DecimationChange change, SeriesDecimator decimator)
    {
        switch (change.Kind)
        {
            case DecimationChangeKind.Replace:
                client.Replace(decimator.GetPoints().ToArray(), decimator.BucketWidth, decimator.TotalPoints);
                break;
            case DecimationChangeKind.Tail:
                client.Tail(change.FromStep, decimator.GetPointsFrom(change.FromStep).ToArray(), decimator.BucketWidth, decimator.TotalPoints);
                break;
            case DecimationChangeKind.Coarsen:
                client.Coarsen(change.FromStep, decimator.GetPointsFrom(change.FromStep).ToArray(), decimator.BucketWidth, decimator.TotalPoints);
                break;
        }
    }
}
