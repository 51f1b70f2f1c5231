using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Contracts.Wire;
using TestSupport;
using TestSupport.Diagnostics;
using TestSupport.Processes;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

/// <summary>
/// Any client chooses its filter, and each distinct filter needs its own copy of the snapshot. What StreamApi keeps
/// of those copies is bounded by <c>Stream__FilteredViewCacheBytes</c> for all clients together (docs/security.md):
/// 500 clients at once, each with a distinct <c>?runs=</c> filter, read a realistic snapshot, and StreamApi's live
/// managed heap after a full collection must stay within that budget, plus an allowance for the open connections,
/// above what it held before them.
/// </summary>
[Collection(nameof(HeapCollection))]
public sealed class FilteredStreamsHeapTests
{
    private const int Runs = 40;
    private const int Metrics = 10;
    private const int Points = 500;
    private const int Streams = 500;

    /// <summary>Small, so that the bound means something: the streams' distinct copies add up to hundreds of MiB.</summary>
    private const long FilteredViewBudget = 4L * 1024 * 1024;

    /// <summary>
    /// What 500 open, idle streams hold in StreamApi besides the copies: each request, session and queue, and the
    /// blocks of Kestrel's buffer pool that sent the snapshots. Measured at about 9 MiB (18 KiB a stream); one filtered
    /// copy here is 0.8 MB, so holding one per stream would exceed the bound by hundreds of megabytes.
    /// </summary>
    private const long ConnectionsAllowance = 24L * 1024 * 1024;

    /// <summary>Hundreds of megabytes cross loopback at once and are parsed here, on a machine others share.</summary>
    private static readonly TimeSpan SnapshotPatience = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan HeapTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FiveHundredStreamsWithDistinctRunFilters_HoldNoMoreThanTheFilteredViewBudget()
    {
        // StreamApi starts once the data is stored, so it holds the stored snapshot rather than the deltas of the
        // writes. No run list is re-sent meanwhile: a newer snapshot in the middle would be a second one held.
        await using var rig = await StreamRig.StartAsync(
            ingestorSettings: new Dictionary<string, string?> { ["Publishing:RunsMetaInterval"] = "01:00:00" }, streamApis: 0);
        for (var run = 0; run < Runs; run++)
        {
            for (var metric = 0; metric < Metrics; metric++)
            {
                await rig.Ingestor.WriteAsync(RunFilters.RunId(run), Metric(metric), Enumerable.Range(0, Points).Select(i => ((long)i, Math.Sin((i * 0.01) + run + metric))));
            }
        }
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, RunFilters.RunId(Runs - 1), Metric(Metrics - 1), Points, TimeSpan.FromSeconds(120));
        var streamApi = await rig.AddStreamApiAsync(new Dictionary<string, string?>
        {
            ["Stream__FilteredViewCacheBytes"] = FilteredViewBudget.ToString(CultureInfo.InvariantCulture),
        });

        var snapshotBytes = await ReadUnfilteredSnapshotAsync(rig, streamApi);
        var before = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(streamApi.ProcessId, HeapTimeout);
        // StreamApi holds the stored snapshot for every client that connects, so a reading of its heap sees it.
        Assert.True(before.LiveBytes > snapshotBytes, $"StreamApi's live heap ({Mib(before.LiveBytes)}) is smaller than the snapshot it holds ({Mib(snapshotBytes)}): the reading is not of StreamApi's heap");

        var clients = new ConcurrentBag<SseClient>();
        try
        {
            var snapshots = await Task.WhenAll(Enumerable.Range(0, Streams).Select(i => ConnectAndReadSnapshotAsync(rig, streamApi, i, clients)));
            Assert.Equal(Streams, TcpConnections.EstablishedOnLocalPort(streamApi.Port));
            var connected = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(streamApi.ProcessId, HeapTimeout);
            var filteredBytes = snapshots.Sum(s => (long)s.Bytes);

            var bound = before.LiveBytes + FilteredViewBudget + ConnectionsAllowance;
            var measured = $"StreamApi's live managed heap: {Mib(before.LiveBytes)} before the {Streams} streams, {Mib(connected.LiveBytes)} with them "
                + $"({Mib(connected.HeapBytes)} with free space); they were sent {Mib(filteredBytes)} of filtered snapshots; the bound is {Mib(bound)}";
            TestContext.Current.TestOutputHelper?.WriteLine(measured);
            Assert.True(connected.LiveBytes <= bound, measured);
            Assert.True(filteredBytes > 4 * (bound - before.LiveBytes), $"The filtered copies ({Mib(filteredBytes)}) must far exceed what the bound allows above the start, or holding every one of them would pass");

            // None was dropped on the way: every stream is still open and is sent the next message.
            await rig.Ingestor.WriteAsync(RunFilters.RunId(0), Metric(0), [(Points, 0.5)]);
            var reached = await Task.WhenAll(snapshots.Select(s => ReceivesADeltaAfterAsync(s.Client, s.Seq)));
            Assert.True(reached.All(r => r), $"{reached.Count(r => !r)} of {Streams} streams were not sent the next delta:{Environment.NewLine}{streamApi.RecentOutput}");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
        await WaitForNoConnectionsAsync(streamApi);
        Assert.False(streamApi.HasExited);
    }

    private static async Task<long> ReadUnfilteredSnapshotAsync(StreamRig rig, ServiceProcess streamApi)
    {
        await using var everything = await rig.ConnectAsync(streamApi: streamApi);
        var snapshot = await everything.NextAsync(SnapshotPatience);
        var state = new StreamState();
        state.Apply(snapshot);
        Assert.Equal(Runs * Metrics, state.Series.Count);
        Assert.All(state.Series.Values, series => Assert.Equal(Points, series.Points.Count));
        return Encoding.UTF8.GetByteCount(snapshot.Data);
    }

    private static async Task<(SseClient Client, long Seq, int Bytes)> ConnectAndReadSnapshotAsync(StreamRig rig, ServiceProcess streamApi, int client, ConcurrentBag<SseClient> clients)
    {
        var sse = await rig.ConnectAsync(RunFilters.Query(client, Runs), streamApi: streamApi);
        clients.Add(sse);
        var snapshot = await sse.NextAsync(SnapshotPatience);
        Assert.Equal(StreamEventType.Snapshot, snapshot.Event);
        var series = JsonSerializer.Deserialize(snapshot.Data, WireJsonContext.Default.SnapshotMessage)!.Series;
        var realRuns = RunFilters.RealRuns(client, Runs);
        Assert.Equal(realRuns.Length * Metrics, series.Length);
        Assert.All(series, s => Assert.Contains(s.RunId, realRuns));
        return (sse, snapshot.Seq, Encoding.UTF8.GetByteCount(snapshot.Data));
    }

    private static async Task<bool> ReceivesADeltaAfterAsync(SseClient client, long seq)
    {
        try
        {
            // A delta, or a snapshot when the session had to catch the stream up (a writer that lost its lease on a
            // starved machine goes on from a new sequence): either way the stream is alive and brought up to date.
            await client.UntilAsync(e => e.Event is StreamEventType.Delta or StreamEventType.Snapshot && e.Seq > seq, TimeSpan.FromSeconds(60));
            return true;
        }
        catch (Exception exception) when (exception is TimeoutException or EndOfStreamException)
        {
            return false;
        }
    }

    private static string Metric(int metric) => $"metric_{metric:D2}";

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>Closing the clients must end their connections in StreamApi too: its established sockets go to none.</summary>
    private static async Task WaitForNoConnectionsAsync(ServiceProcess streamApi)
    {
        var open = 0;
        await Eventually.HoldsAsync(
            () => (open = TcpConnections.EstablishedOnLocalPort(streamApi.Port)) == 0,
            "StreamApi to close every connection of the closed clients", StreamRig.Patience, () => $"{open} established");
    }
}
