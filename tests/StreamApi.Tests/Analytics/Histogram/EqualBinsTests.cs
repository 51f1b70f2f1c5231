using StreamApi.Analytics.Histogram;

namespace StreamApi.Tests.Analytics.Histogram;

public sealed class EqualBinsTests
{
    [Fact]
    public void Bins_StayFinite_WhenTheRangeOverflowsADouble()
    {
        var bins = new EqualBins(-double.MaxValue, double.MaxValue, 4);
        foreach (var value in new[] { -double.MaxValue, -1.0, 0.0, 1e300, double.MaxValue })
        {
            bins.Add(value);
        }

        Assert.All(bins.Edges, edge => Assert.True(double.IsFinite(edge)));
        Assert.Equal(-double.MaxValue, bins.Edges[0]);
        Assert.Equal(0.0, bins.Edges[2]);
        Assert.Equal(double.MaxValue, bins.Edges[^1]);
        Assert.Equal([1L, 1, 2, 1], bins.Counts);
    }

    [Fact]
    public void Rule_GivesAUsableBinCount_WhenTheSpreadOverflowsADouble()
    {
        Assert.Equal((BinRule.MaxBins, BinRule.FreedmanDiaconis), BinRule.Choose(1000, -double.MaxValue, double.MaxValue, double.PositiveInfinity));
        Assert.Equal((BinRule.MaxBins, BinRule.FreedmanDiaconis), BinRule.Choose(1000, -double.MaxValue, double.MaxValue, 1));
    }
}
