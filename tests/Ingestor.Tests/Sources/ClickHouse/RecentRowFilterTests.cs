using ClickHouse.Http;
using Contracts.Series;
using Ingestor.Sources.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class RecentRowFilterTests
{
    private static MetricRow Row(long step, long timeMs, string host = "") => new(new SeriesKey("r", "loss", host), step, timeMs, 1);

    [Fact]
    public void TryAdd_RefusesTheSameSeriesStep_AndTellsSeriesApart()
    {
        var filter = new RecentRowFilter();

        Assert.True(filter.TryAdd(Row(1, 1_000)));
        Assert.False(filter.TryAdd(Row(1, 1_000)));
        Assert.False(filter.TryAdd(Row(1, 2_000)));
        Assert.True(filter.TryAdd(Row(1, 1_000, host: "node-2")));
    }

    [Fact]
    public void Rollback_ForgetsRowsSinceTheLastCommit_Only()
    {
        var filter = new RecentRowFilter();
        filter.TryAdd(Row(1, 1_000));
        filter.Commit();
        filter.TryAdd(Row(2, 1_000));

        filter.Rollback();

        Assert.False(filter.TryAdd(Row(1, 1_000)));
        Assert.True(filter.TryAdd(Row(2, 1_000)));
    }

    [Fact]
    public void ForgetBefore_DropsRowsOfEarlierSeconds_BoundingTheMemory()
    {
        var filter = new RecentRowFilter();
        filter.TryAdd(Row(1, 1_500));
        filter.TryAdd(Row(2, 2_000));
        filter.Commit();

        filter.ForgetBefore(2);

        Assert.Equal(1, filter.Count);
        Assert.True(filter.TryAdd(Row(1, 1_500)));
    }

    [Theory]
    [InlineData(1_999, 1)]
    [InlineData(-1, -1)]
    [InlineData(-1_000, -1)]
    public void SecondOf_RoundsDown(long timeMs, long second)
    {
        Assert.Equal(second, RecentRowFilter.SecondOf(timeMs));
    }
}
