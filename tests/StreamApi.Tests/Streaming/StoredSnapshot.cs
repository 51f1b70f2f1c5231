using System.Globalization;
using TestSupport;
using TestSupport.Redis;

namespace StreamApi.Tests.Streaming;

/// <summary>
/// The ingestor publishes deltas and stores its snapshot on its own schedule; a test that needs the stored snapshot
/// to hold what it wrote waits until the snapshot's seq covers the delta that carried it.
/// </summary>
internal static class StoredSnapshot
{
    /// <summary>
    /// For a test that wrote points and has not seen them published: waits for the delta that brought series
    /// <paramref name="seriesId"/> of <paramref name="runId"/> to <paramref name="totalPoints"/> points (its last write),
    /// then until the stored snapshot covers it. Everything written before is in that delta or an earlier one.
    /// </summary>
    public static async Task WaitUntilItHoldsAsync(IRedisServer redis, string runId, string seriesId, long totalPoints, TimeSpan patience)
    {
        await using var published = await ReplayLog.ConnectAsync(redis);
        var carrying = await published.WaitForDeltaCarryingAsync(runId, seriesId, totalPoints, patience);
        await WaitUntilItCoversAsync(published, carrying, $"the delta {carrying} with {runId}/{seriesId} at {totalPoints} points", patience);
    }

    /// <summary>For a test that saw everything it wrote published (on a stream): waits until the stored snapshot covers the newest delta.</summary>
    public static async Task WaitUntilItCoversTheNewestDeltaAsync(IRedisServer redis, TimeSpan patience)
    {
        await using var published = await ReplayLog.ConnectAsync(redis);
        var newest = await published.NewestDeltaSeqAsync() ?? throw new InvalidOperationException("Nothing was published yet.");
        await WaitUntilItCoversAsync(published, newest, $"the newest delta, {newest}", patience);
    }

    private static async Task WaitUntilItCoversAsync(ReplayLog published, long seq, string delta, TimeSpan patience)
    {
        var stored = 0L;
        await Eventually.HoldsAsync(
            async () => (stored = await published.SnapshotSeqAsync()) >= seq,
            $"the stored snapshot to cover {delta}",
            patience,
            () => $"the stored snapshot covers seq {stored.ToString(CultureInfo.InvariantCulture)}");
    }
}
