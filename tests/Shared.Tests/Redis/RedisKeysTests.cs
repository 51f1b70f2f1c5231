using Contracts.Redis;

namespace Shared.Tests.Redis;

public sealed class RedisKeysTests
{
    [Fact]
    public void Keys_NeverCollide_WhenARunIdHoldsTheSeparator()
    {
        var keys = new RedisKeys("p");

        Assert.NotEqual(keys.RunSeries("a:raw:x"), keys.RunRaw("a", "x:series"));
        Assert.NotEqual(keys.RunRawSeries("a:raw"), keys.RunRaw("a", "raw"));
        Assert.NotEqual(keys.RunSeries("a%3Araw"), keys.RunSeries("a:raw"));
    }

    [Theory]
    [InlineData("demo-llm-7b-20261204", "p:run:demo-llm-7b-20261204:series")]
    [InlineData("icon-output@2022-01-01T06:00:00", "p:run:icon-output@2022-01-01T06%3A00%3A00:series")]
    [InlineData("team/exp: α 1", "p:run:team/exp%3A α 1:series")]
    [InlineData("100%", "p:run:100%25:series")]
    public void RunSeries_KeepsIdsReadable_AndEncodesOnlyTheSeparatorAndPercent(string runId, string expected)
    {
        Assert.Equal(expected, new RedisKeys("p").RunSeries(runId));
    }
}
