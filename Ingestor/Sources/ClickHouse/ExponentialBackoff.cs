namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Retry delays that double per consecutive failure up to a cap, each drawn at random from its upper half,
/// so many ingestors that lost ClickHouse together do not come back in lockstep.
/// </summary>
public sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan Delay(int consecutiveFailures)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var ceiling = Math.Min(initial.Ticks * (double)(1L << exponent), max.Ticks);
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + (_random.NextDouble() * 0.5))));
    }
}
