using System.Globalization;
using Contracts.Wire;
using TestSupport.Diagnostics;
using TestSupport.Processes;

namespace StreamApi.Tests.Streaming;

/// <summary>
/// The filtered-view budget must hold for what an entry keeps besides its copy: the filter it was made for, which a
/// client writes at will, and the snapshot or message it was made from. Clients whose copies are nearly empty (they
/// ask only for runs that do not exist) must not let StreamApi's heap grow past the budget either.
/// </summary>
[Collection(nameof(HeapCollection))]
public sealed class FilteredViewKeysHeapTests
{
    private const long FilteredViewBudget = 1024 * 1024;

    /// <summary>What StreamApi's heap may move by beside the budget: the recent messages of the writes, pools, caches of the runtime.</summary>
    private const long Allowance = 8L * 1024 * 1024;

    private static readonly TimeSpan HeapTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThousandsOfStreamsWithLongDistinctFilters_AreChargedForTheirFilters()
    {
        await using var rig = await StreamRig.StartAsync(streamApis: 0);
        await rig.Ingestor.WriteAsync("run-00", "loss", Enumerable.Range(0, 100).Select(i => ((long)i, 1.0 / (i + 1))));
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-00", "loss", totalPoints: 100, TimeSpan.FromSeconds(60));
        var streamApi = await StartStreamApiAsync(rig);
        var before = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(streamApi.ProcessId, HeapTimeout);

        // 2000 streams, 40 at a time, each asking for 28 ids of 250 characters that exist nowhere: a request line
        // of 7 KB (Kestrel's limit is 8 KB), a snapshot copy of a few dozen bytes.
        const int Streams = 2000;
        for (var batch = 0; batch < Streams / 40; batch++)
        {
            await Task.WhenAll(Enumerable.Range(batch * 40, 40).Select(async client =>
            {
                var ids = Enumerable.Range(0, 28).Select(id => $"{client:D6}-{id:D2}-".PadRight(250, 'x'));
                await using var sse = await rig.ConnectAsync("?runs=" + string.Join(',', ids), streamApi: streamApi);
                var snapshot = await sse.NextAsync(StreamRig.Patience);
                Assert.Equal(StreamEventType.Snapshot, snapshot.Event);
                Assert.Empty(snapshot.Json.GetProperty("series").EnumerateArray());
            }));
        }

        await AssertHeapWithinBudgetAsync(streamApi, before, $"after {Streams} streams with distinct 7 KB filters");
    }

    [Fact]
    public async Task CopiesOfOlderSnapshots_DoNotKeepThoseSnapshotsAlive()
    {
        await using var rig = await StreamRig.StartAsync(
            ingestorSettings: new Dictionary<string, string?> { ["Publishing:RunsMetaInterval"] = "01:00:00" }, streamApis: 0);
        for (var metric = 0; metric < 40; metric++)
        {
            await rig.Ingestor.WriteAsync("run-00", $"metric_{metric:D2}", Enumerable.Range(0, 1000).Select(i => ((long)i, Math.Sin(i + metric))));
        }
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-00", "metric_39", totalPoints: 1000, TimeSpan.FromSeconds(60));
        var streamApi = await StartStreamApiAsync(rig);
        await using (var first = await rig.ConnectAsync("?runs=no-such-run", streamApi: streamApi))
        {
            // StreamApi reads the snapshot for its first client and holds it from then on.
            Assert.Equal(StreamEventType.Snapshot, (await first.NextAsync(StreamRig.Patience)).Event);
        }
        var before = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(streamApi.ProcessId, HeapTimeout);

        // Each round stores a newer snapshot of 3 MB; a client asking only for a run that does not exist is sent a
        // copy of a few dozen bytes made from whichever snapshot StreamApi holds then.
        const int Rounds = 30;
        for (var round = 0; round < Rounds; round++)
        {
            await rig.Ingestor.WriteAsync("run-00", "metric_00", [(1000 + round, 0.5)]);
            await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-00", "metric_00", totalPoints: 1000 + round + 1, TimeSpan.FromSeconds(60));
            await using var sse = await rig.ConnectAsync($"?runs=no-such-run-{round}", streamApi: streamApi);
            Assert.Equal(StreamEventType.Snapshot, (await sse.NextAsync(StreamRig.Patience)).Event);
        }

        await AssertHeapWithinBudgetAsync(streamApi, before, $"after {Rounds} snapshots, each sent filtered to one client");
    }

    private static Task<ServiceProcess> StartStreamApiAsync(StreamRig rig) => rig.AddStreamApiAsync(new Dictionary<string, string?>
    {
        ["Stream__FilteredViewCacheBytes"] = FilteredViewBudget.ToString(CultureInfo.InvariantCulture),
    });

    private static async Task AssertHeapWithinBudgetAsync(ServiceProcess streamApi, HeapAfterCollection before, string when)
    {
        var after = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(streamApi.ProcessId, HeapTimeout);
        var bound = before.LiveBytes + FilteredViewBudget + Allowance;
        var measured = $"StreamApi's live managed heap: {Mib(before.LiveBytes)} before, {Mib(after.LiveBytes)} {when}; the bound is {Mib(bound)}";
        TestContext.Current.TestOutputHelper?.WriteLine(measured);
        Assert.True(after.LiveBytes <= bound, measured);
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
}
