using Ingestor.Sources.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ExponentialBackoffTests
{
    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(4, 4, 8)]
    [InlineData(10, 15, 30)]
    [InlineData(1000, 15, 30)]
    public void Delay_DoublesPerFailure_WithJitterInTheUpperHalf_UpToTheCap(int failures, double minSeconds, double maxSeconds)
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));

        var delays = Enumerable.Range(0, 50).Select(_ => backoff.Delay(failures).TotalSeconds).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, minSeconds, maxSeconds));
        Assert.True(delays.Distinct().Count() > 1);
    }
}
