using ClickHouse.Http;

namespace Shared.Tests.ClickHouse;

public sealed class MetricTableTests
{
    [Theory]
    [InlineData("DateTime64(3)")]
    [InlineData("DateTime64(6, 'UTC')")]
    public void Describe_UsesMilliseconds_ForTheProductionSchema(string type)
    {
        var table = MetricTable.Describe("training_observability", "metric_points", type);

        Assert.True(table.HasMillisecondTime);
        Assert.Equal("`training_observability`.`metric_points`", table.QualifiedName);
        Assert.Equal("toUnixTimestamp64Milli(event_time)", table.TimeMs);
        Assert.Equal("event_time >= fromUnixTimestamp64Milli(toInt64(1765000000123))", table.TimeAtLeast(1_765_000_000_123));
        Assert.Equal("event_time <= fromUnixTimestamp64Milli(toInt64(1765000000123))", table.TimeAtMost(1_765_000_000_123));
        Assert.Equal("run_id, metric, host, rank, device, step, toUnixTimestamp64Milli(event_time), value", table.RowColumns);
    }

    [Theory]
    [InlineData(1_765_000_000_000, "1765000000", "1765000000")]
    [InlineData(1_765_000_000_001, "1765000001", "1765000000")]
    [InlineData(-5, "0", "0")]
    [InlineData(long.MaxValue, "4294967295", "4294967295")]
    public void Describe_RoundsBoundsToWholeSeconds_ForDateTime(long timeMs, string atLeast, string atMost)
    {
        var table = MetricTable.Describe("test", "metric_points", "DateTime('UTC')");

        Assert.False(table.HasMillisecondTime);
        Assert.Equal($"event_time >= toDateTime({atLeast})", table.TimeAtLeast(timeMs));
        Assert.Equal($"event_time <= toDateTime({atMost})", table.TimeAtMost(timeMs));
    }

    [Theory]
    [InlineData("metric_points", true)]
    [InlineData("training_observability.metric_points", true)]
    [InlineData("_t1", true)]
    [InlineData("1table", false)]
    [InlineData("a.b.c", false)]
    [InlineData("metric-points", false)]
    [InlineData("t`; DROP TABLE x", false)]
    [InlineData("", false)]
    public void IsValidName_AcceptsOnlyIdentifiers(string name, bool valid)
    {
        Assert.Equal(valid, MetricTable.IsValidName(name));
    }
}
