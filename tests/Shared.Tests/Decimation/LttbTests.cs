using Decimation;

namespace Shared.Tests.Decimation;

public sealed class LttbTests
{
    [Fact]
    public void Lttb_KeepsFirstAndLast_WhenCapIsTwo()
    {
        var ys = TestSignals.Uniform(50, seed: 7);

        var kept = Lttb.SelectIndices(Xs(50), ys, 2);

        Assert.Equal([0, 49], kept);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(333)]
    [InlineData(999)]
    public void Lttb_KeepsExactlyThresholdIncreasingIndices_WhenFewerThanPoints(int threshold)
    {
        var ys = TestSignals.RandomWalk(1000);

        var kept = Lttb.SelectIndices(Xs(1000), ys, threshold);

        Assert.Equal(threshold, kept.Length);
        Assert.Equal(0, kept[0]);
        Assert.Equal(999, kept[^1]);
        for (var i = 1; i < kept.Length; i++)
        {
            Assert.True(kept[i] > kept[i - 1], $"index {kept[i]} does not follow {kept[i - 1]}");
        }
    }

    [Fact]
    public void Lttb_PicksTheSpikeAndTheDip_OfAFlatSeries()
    {
        var ys = new double[1000];
        ys[437] = 25;
        ys[771] = -9;

        var kept = Lttb.SelectIndices(Xs(1000), ys, 20);

        Assert.Contains(437, kept);
        Assert.Contains(771, kept);
    }

    [Theory]
    [InlineData(100, 10, 11)]
    [InlineData(1000, 100, 12)]
    [InlineData(10_007, 333, 13)]
    [InlineData(50_000, 2000, 14)]
    [InlineData(5, 3, 15)]
    [InlineData(7, 6, 16)]
    public void Lttb_EqualsReference_OnRandomInputs(int n, int threshold, int seed)
    {
        var random = new Random(seed);
        var xs = new double[n];
        var x = 0.0;
        for (var i = 0; i < n; i++)
        {
            xs[i] = x += 0.5 + random.NextDouble();
        }

        var ys = TestSignals.Uniform(n, seed);

        Assert.Equal(ReferenceLttb.Select(xs, ys, threshold), Lttb.SelectIndices(xs, ys, threshold));
    }

    [Fact]
    public void Lttb_EqualsReference_OnTrainingShapedInputs()
    {
        foreach (var ys in new[] { TestSignals.Loss(20_000), TestSignals.NoisySine(20_000), TestSignals.Spike(20_000, 12_345) })
        {
            Assert.Equal(ReferenceLttb.Select(Xs(20_000), ys, 500), Lttb.SelectIndices(Xs(20_000), ys, 500));
        }
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 11)]
    [InlineData(1, 2)]
    public void Lttb_ReturnsEveryIndex_WhenThresholdIsAtLeastTheCount(int n, int threshold)
    {
        var kept = Lttb.SelectIndices(Xs(n), TestSignals.Uniform(n, seed: 8), threshold);

        Assert.Equal(Enumerable.Range(0, n), kept);
    }

    [Fact]
    public void Lttb_ReturnsNothing_WhenThereAreNoPoints()
    {
        Assert.Empty(Lttb.SelectIndices([], [], 100));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Lttb_Throws_WhenThresholdIsBelowTwo(int threshold)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Lttb.SelectIndices(Xs(10), new double[10], threshold));

        Assert.Equal("threshold", error.ParamName);
    }

    [Fact]
    public void Lttb_Throws_WhenLengthsDiffer()
    {
        Assert.Throws<ArgumentException>(() => Lttb.SelectIndices(Xs(10), new double[9], 5));
    }

    private static double[] Xs(int n) => Enumerable.Range(0, n).Select(i => (double)i).ToArray();
}
