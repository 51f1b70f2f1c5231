using Contracts.Redis;
using Ingestor.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Redis;

namespace Ingestor.Tests.Publishing;

/// <summary>
/// A renewal that comes too late (a loaded machine) stops the writer, as it must; but while the key is still its own
/// it takes up writing again in the same generation: no republish, no sequence jump, no client resync.
/// </summary>
public sealed class WriterLeaseRenewalTests
{
    private static readonly RedisKeys Keys = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALateRenewal_WhileTheKeyIsStillOurs_KeepsTheGeneration()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var time = new FakeTimeProvider();
        using var lease = await HeldLeaseAsync(connection, time);

        // The clock runs past the lease as this process counts it; in Redis (real time) the key has 30 s left.
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.False(lease.IsHolder);
        await Eventually.HoldsAsync(() => lease.IsHolder, "the late renewal to keep the lease", TimeSpan.FromSeconds(10),
            () => $"generation {lease.Generation}, key holds '{connection.GetDatabase().StringGet(Keys.WriterLease)}'");

        Assert.Equal(1, lease.Generation);
        await lease.StopAsync(Ct);
    }

    [Fact]
    public async Task ALateRenewal_AfterAnotherTookTheKey_LeavesItToThem()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var time = new FakeTimeProvider();
        using var lease = await HeldLeaseAsync(connection, time);

        await connection.GetDatabase().StringSetAsync(Keys.WriterLease, "another-ingestor", TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(40));
        var renewals = 0;
        // Each advance is one more attempt; none may take the key back from its holder.
        await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return ++renewals >= 5;
        }, "five more renewal attempts", TimeSpan.FromSeconds(10));

        Assert.False(lease.IsHolder);
        Assert.Equal(1, lease.Generation);
        Assert.Equal("another-ingestor", (string?)await connection.GetDatabase().StringGetAsync(Keys.WriterLease));
        await lease.StopAsync(Ct);
    }

    /// <summary>A lease with a 30 s time to live, renewed every second of <paramref name="time"/>, once it is held.</summary>
    private static async Task<WriterLease> HeldLeaseAsync(IConnectionMultiplexer connection, TimeProvider time)
    {
        var lease = new WriterLease(
            connection,
            Keys,
            Options.Create(new PublishingOptions { LeaseDuration = TimeSpan.FromSeconds(30), LeaseRenewInterval = TimeSpan.FromSeconds(1) }),
            time,
            NullLogger<WriterLease>.Instance);
        await lease.StartAsync(Ct);
        await lease.WaitUntilHolderAsync(Ct);
        return lease;
    }
}
