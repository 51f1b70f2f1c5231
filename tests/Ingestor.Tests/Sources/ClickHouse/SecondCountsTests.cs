using Ingestor.Sources.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class SecondCountsTests
{
    [Fact]
    public void FirstChanged_IsTheFirstSecond_WhenNothingWasReadYet()
    {
        Assert.Equal(100, new SecondCounts().FirstChanged([(100, 3), (101, 1)]));
    }

    [Fact]
    public void FirstChanged_IsNull_WhenEveryCountMatches()
    {
        var counts = new SecondCounts();
        counts.Replace(100, new Dictionary<long, long> { [100] = 3, [101] = 1 });

        Assert.Null(counts.FirstChanged([(100, 3), (101, 1)]));
    }

    [Theory]
    [InlineData(100, 4, 101, 1, 100)] // a late row in an old second
    [InlineData(100, 3, 101, 2, 101)] // more rows in the newest second
    public void FirstChanged_FindsTheEarliestDifference(long s1, long c1, long s2, long c2, long expected)
    {
        var counts = new SecondCounts();
        counts.Replace(100, new Dictionary<long, long> { [100] = 3, [101] = 1 });

        Assert.Equal(expected, counts.FirstChanged([(s1, c1), (s2, c2)]));
    }

    [Fact]
    public void FirstChanged_SeesANewSecondBetweenKnownOnes_AndOneThatVanished()
    {
        var counts = new SecondCounts();
        counts.Replace(100, new Dictionary<long, long> { [100] = 3, [105] = 1 });

        Assert.Equal(102, counts.FirstChanged([(100, 3), (102, 1), (105, 1)]));
        Assert.Equal(105, counts.FirstChanged([(100, 3)]));
    }

    [Fact]
    public void Replace_KeepsSecondsBeforeTheRead_AndForgetBeforeDropsThem()
    {
        var counts = new SecondCounts();
        counts.Replace(100, new Dictionary<long, long> { [100] = 3, [101] = 1 });
        counts.Replace(101, new Dictionary<long, long> { [101] = 2 });

        Assert.Null(counts.FirstChanged([(100, 3), (101, 2)]));
        counts.ForgetBefore(101);
        Assert.Null(counts.FirstChanged([(101, 2)]));
    }
}
