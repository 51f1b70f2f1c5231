using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contracts.Wire;
using Contracts.Wire.Binary;
using TestSupport;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

public sealed class StreamEndToEndTests
{
    private static readonly TimeSpan Patience = StreamRig.Patience;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Stream_SendsSnapshotThenLiveDeltas_WhenPointsArrive(string kind)
    {
        await using var rig = await StreamRig.StartAsync(kind);
        await using var client = await rig.ConnectAsync();
        var state = new StreamState();

        var first = await client.NextAsync(Patience);
        Assert.Equal(StreamEventType.Snapshot, first.Event);
        state.Apply(first);

        await rig.Ingestor.WriteAsync("run-live", "loss_t1", [(0, 3.0), (1, 2.5)]);
        await client.ApplyUntilAsync(state, s => s.Get("run-live", "loss_t1")?.Count == 2, Patience);
        await rig.Ingestor.WriteAsync("run-live", "loss_t1", [(2, 2.0)]);
        await client.ApplyUntilAsync(state, s => s.Get("run-live", "loss_t1")?.ContainsKey(2) == true, Patience);

        Assert.Equal([3.0, 2.5, 2.0], state.Get("run-live", "loss_t1")!.Values);
    }

    /// <summary>
    /// A series that doubles its bucket width reaches clients as coarsen ops, which they apply to what they hold:
    /// clients that followed it (all of the stream, or filtered to its run) end with exactly the ingestor's own
    /// output, which it stores for clients that connect later.
    /// </summary>
    [Fact]
    public async Task Stream_LeavesFollowingClientsWithTheStoredSeries_WhenItDoublesItsWidth()
    {
        await using var rig = await StreamRig.StartAsync(ingestorSettings: new Dictionary<string, string?> { ["Decimation:MaxPoints"] = "16" });
        await using var everything = await rig.ConnectAsync();
        await using var filtered = await rig.ConnectAsync("?runs=run-grow");
        var random = new Random(7);
        long step = 0;
        var total = 0;
        await using (var published = await ReplayLog.ConnectAsync(rig.Redis))
        {
            for (var batch = 0; batch < 40; batch++)
            {
                // Mostly appends, a few points late by a step or five: the merged points before the tails must hold.
                var points = Enumerable.Range(0, random.Next(1, 12))
                    .Select(_ => (random.Next(8) == 0 && step > 5 ? step - random.Next(1, 6) : step++, random.Next(15) == 0 ? double.NaN : random.NextDouble()))
                    .ToList();
                total += points.Count;
                await rig.Ingestor.WriteAsync("run-grow", "loss_t1", points);
                // Each batch its own delta, so the doublings are spread over several.
                await published.WaitForDeltaCarryingAsync("run-grow", "loss_t1", total, Patience);
            }
        }
        bool HasAll(StreamState state) => state.Series.TryGetValue(("run-grow", "loss_t1"), out var held) && held.TotalPoints == total;

        var (followed, followedFiltered) = (new StreamState(), new StreamState());
        var events = await everything.ApplyUntilAsync(followed, HasAll, Patience);
        await filtered.ApplyUntilAsync(followedFiltered, HasAll, Patience);
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-grow", "loss_t1", total, Patience);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(rig.Redis.ConnectionString);
        var stored = await redis.GetDatabase().HashGetAsync(new Contracts.Redis.RedisKeys().RunSeries("run-grow"), "loss_t1");
        var expected = HeldSeries.From(SeriesBlock.Decode((byte[])stored!));

        // How many doublings one delta covers depends on how the publisher's rounds fall; widths 1 to 16 make four.
        Assert.InRange(events.Count(e => e.Data.Contains("\"op\":\"coarsen\"", StringComparison.Ordinal)), 2, 4);
        Assert.Equal(total, expected.TotalPoints);
        Assert.Equal(16, expected.BucketWidth);
        Assert.Equal(expected.Points, followed.Series[("run-grow", "loss_t1")].Points);
        Assert.Equal(expected.Points, followedFiltered.Series[("run-grow", "loss_t1")].Points);
    }

    /// <summary>
    /// History written before a client connects reaches it with its snapshot: in the snapshot itself, or in the events
    /// sent right behind it when the server answered from the snapshot it held (nothing is written meanwhile here).
    /// </summary>
    [Fact]
    public async Task Stream_GivesLateClientTheHistory_WithItsSnapshot()
    {
        await using var rig = await StreamRig.StartAsync();
        await rig.Ingestor.WriteAsync("run-early", "loss_t1", Enumerable.Range(0, 100).Select(i => ((long)i, 100.0 - i)));
        await using (var early = await rig.ConnectAsync())
        {
            await early.ApplyUntilAsync(new StreamState(), s => s.Get("run-early", "loss_t1")?.Count == 100, Patience);
        }
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-early", "loss_t1", totalPoints: 100, Patience);

        await using var late = await rig.ConnectAsync();
        var snapshot = await late.NextAsync(Patience);

        Assert.Equal(StreamEventType.Snapshot, snapshot.Event);
        var state = new StreamState();
        state.Apply(snapshot);
        await late.ApplyUntilAsync(state, s => s.Get("run-early", "loss_t1")?.Count == 100, Patience);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 100.0 - i), state.Get("run-early", "loss_t1")!.Values);
        Assert.Equal(1, state.Snapshots);
    }

    [Fact]
    public async Task Stream_ServesTheHeldSnapshotAndTheMessagesSince_WhileTheNewerOneIsRead()
    {
        await using var rig = await StreamRig.StartAsync();
        await rig.Ingestor.WriteAsync("run-held", "loss_t1", Enumerable.Range(0, 100).Select(i => ((long)i, 100.0 - i)));
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-held", "loss_t1", totalPoints: 100, Patience);
        long heldSeq;
        await using (var first = await rig.ConnectAsync())
        {
            var snapshot = await first.NextAsync(Patience);
            heldSeq = snapshot.Seq;
            var state = new StreamState();
            state.Apply(snapshot);
            Assert.Equal(100, state.Get("run-held", "loss_t1")!.Count);
        }
        // A newer snapshot is stored while no client connects; fewer messages than the server replays rather than
        // reading the newer snapshot.
        for (var step = 100; step < 150; step++)
        {
            await rig.Ingestor.WriteAsync("run-held", "loss_t1", [(step, 100.0 - step)]);
        }
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-held", "loss_t1", totalPoints: 150, Patience);

        await using var late = await rig.ConnectAsync();
        var lateState = new StreamState();
        var lateSnapshot = await late.NextAsync(Patience);
        lateState.Apply(lateSnapshot);
        await late.ApplyUntilAsync(lateState, s => s.Get("run-held", "loss_t1")?.Count == 150, Patience);

        // The late client was given the snapshot held since the first one, and the deltas since then brought it level.
        Assert.Equal(heldSeq, lateSnapshot.Seq);
        Assert.Equal(1, lateState.Snapshots);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => 100.0 - i), lateState.Get("run-held", "loss_t1")!.Values);

        // The late client set off a read of the newer snapshot in the background; once it is in, clients start from it.
        var nextState = await Eventually.ReturnsAsync(
            async () =>
            {
                await using var next = await rig.ConnectAsync();
                var state = new StreamState();
                state.Apply(await next.NextAsync(Patience));
                return state.LastSeq > heldSeq ? state : null;
            },
            "a client after the late one to start from a newer snapshot", Patience,
            () => $"every client after the late one was still given the snapshot at seq {heldSeq}");
        Assert.Equal(150, nextState.Get("run-held", "loss_t1")!.Count);
    }

    [Fact]
    public async Task Stream_ResumesFromLastEventId_WithoutLossOrDuplicates()
    {
        await using var rig = await StreamRig.StartAsync();
        var state = new StreamState();
        await using (var client = await rig.ConnectAsync())
        {
            await rig.Ingestor.WriteAsync("run-resume", "loss_t1", [(0, 1.0)]);
            await client.ApplyUntilAsync(state, s => s.Get("run-resume", "loss_t1")?.Count == 1, Patience);
        }
        var resumeFrom = state.LastSeq;
        // One message a step, so the resume replays many of them.
        await using (var published = await ReplayLog.ConnectAsync(rig.Redis))
        {
            for (var step = 1; step <= 20; step++)
            {
                await rig.Ingestor.WriteAsync("run-resume", "loss_t1", [(step, 1.0 / (step + 1))]);
                await published.WaitForDeltaCarryingAsync("run-resume", "loss_t1", step + 1, Patience);
            }
        }

        await using var resumed = await rig.ConnectAsync(lastEventId: resumeFrom.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await resumed.ApplyUntilAsync(state, s => s.Get("run-resume", "loss_t1")?.Count == 21, Patience);

        Assert.Equal(0, state.Snapshots - 1); // only the first connection's snapshot: the resume replayed deltas
        Assert.Equal(Enumerable.Range(0, 21).Select(i => (long)i), state.Get("run-resume", "loss_t1")!.Keys);
    }

    [Fact]
    public async Task Stream_SendsFreshSnapshot_WhenLastEventIdIsBeyondReplay()
    {
        await using var rig = await StreamRig.StartAsync(
            ingestorSettings: new Dictionary<string, string?> { ["Publishing:ReplayLogLength"] = "16" },
            streamApiSettings: new Dictionary<string, string?> { ["Stream__RecentMessages"] = "16" });
        // One message a step: many more than the replay log keeps.
        await using (var published = await ReplayLog.ConnectAsync(rig.Redis))
        {
            for (var step = 0; step < 40; step++)
            {
                await rig.Ingestor.WriteAsync("run-old", "loss_t1", [(step, step)]);
                await published.WaitForDeltaCarryingAsync("run-old", "loss_t1", step + 1, Patience);
            }
        }
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-old", "loss_t1", totalPoints: 40, Patience);

        await using var client = await rig.ConnectAsync(lastEventId: "2");
        var first = await client.NextAsync(Patience);

        Assert.Equal(StreamEventType.Snapshot, first.Event);
        var state = new StreamState();
        state.Apply(first);
        await client.ApplyUntilAsync(state, s => s.Get("run-old", "loss_t1")?.Count == 40, Patience);
    }

    [Fact]
    public async Task Stream_TwoInstancesOnOneRedis_DeliverIdenticalStreams()
    {
        await using var rig = await StreamRig.StartAsync(streamApis: 2);
        var second = await rig.AddStreamApiAsync();
        await using var a = await rig.ConnectAsync();
        await using var b = await rig.ConnectAsync(streamApi: second);
        var snapshotA = await a.NextAsync(Patience);
        var snapshotB = await b.NextAsync(Patience);
        Assert.Equal(snapshotA.Data, snapshotB.Data);

        // One message a step, so the two streams must agree on many of them.
        await using (var published = await ReplayLog.ConnectAsync(rig.Redis))
        {
            for (var step = 0; step < 10; step++)
            {
                await rig.Ingestor.WriteAsync("run-twin", "loss_t1", [(step, step * 0.5)]);
                await published.WaitForDeltaCarryingAsync("run-twin", "loss_t1", step + 1, Patience);
            }
        }
        var stateA = new StreamState();
        var stateB = new StreamState();
        stateA.Apply(snapshotA);
        stateB.Apply(snapshotB);
        var eventsA = await a.ApplyUntilAsync(stateA, s => s.Get("run-twin", "loss_t1")?.Count == 10, Patience);
        var eventsB = await b.ApplyUntilAsync(stateB, s => s.LastSeq >= stateA.LastSeq, Patience);

        Assert.Equal(eventsA.Select(e => (e.Id, e.Event, e.Data)), eventsB.Select(e => (e.Id, e.Event, e.Data)));
    }

    [Fact]
    public async Task Stream_SendsOnlyMatchingSeries_WhenFilteredByRunAndMetricPrefix()
    {
        await using var rig = await StreamRig.StartAsync();
        await rig.Ingestor.WriteAsync("run-x", "loss_t1", [(0, 1.0)]);
        await rig.Ingestor.WriteAsync("run-x", "sys.gpu.0.util_percent", [(0, 50.0)]);
        await rig.Ingestor.WriteAsync("run-y", "loss_t1", [(0, 2.0)]);
        await using var client = await rig.ConnectAsync("?runs=run-x&metrics=loss");

        var state = new StreamState();
        await client.ApplyUntilAsync(state, s => s.Get("run-x", "loss_t1") is not null, Patience);
        await rig.Ingestor.WriteAsync("run-y", "loss_t1", [(1, 2.0)]);
        await rig.Ingestor.WriteAsync("run-x", "loss_t1", [(1, 0.5)]);
        await client.ApplyUntilAsync(state, s => s.Get("run-x", "loss_t1")?.Count == 2, Patience);

        Assert.Equal([("run-x", "loss_t1")], state.Series.Keys);
    }

    [Fact]
    public async Task Stream_ResyncsWithSnapshot_WhenRedisRestartsEmpty()
    {
        await using var rig = await StreamRig.StartAsync();
        await using var client = await rig.ConnectAsync();
        var state = new StreamState();
        await rig.Ingestor.WriteAsync("run-restart", "loss_t1", [(0, 1.0)]);
        await client.ApplyUntilAsync(state, s => s.Get("run-restart", "loss_t1")?.Count == 1, Patience);

        await rig.Redis.StopAsync();
        await rig.Redis.StartAsync();
        await rig.Ingestor.WriteAsync("run-restart", "loss_t1", [(1, 0.5)]);

        await client.ApplyUntilAsync(state, s => s.Get("run-restart", "loss_t1")?.Count == 2, Patience);
        Assert.True(state.Snapshots >= 2, "the client should have been resynced with a fresh snapshot");
    }

    [Fact]
    public async Task Stream_DeliversAMessageThatPubSubDropped_FromTheReplayLog()
    {
        await using var rig = await StreamRig.StartAsync(streamApiSettings: new Dictionary<string, string?> { ["Stream__GapCheckInterval"] = "00:00:00.500" });
        await using var client = await rig.ConnectAsync();
        var state = new StreamState();
        await rig.Ingestor.WriteAsync("run-dropped", "loss_t1", [(0, 1.0)]);
        await client.ApplyUntilAsync(state, s => s.Get("run-dropped", "loss_t1")?.Count == 1, Patience);
        await rig.Ingestor.DisposeAsync(); // the test is the only writer from here on

        // As if pub/sub had dropped it during a reconnect of this StreamApi.
        var seq = await StoreWithoutPublishingAsync(rig, "run-dropped", step: 1, value: 0.5);

        await client.ApplyUntilAsync(state, s => s.Get("run-dropped", "loss_t1")?.Count == 2, Patience);
        Assert.Equal(seq, state.LastSeq);
        Assert.Equal(0.5, state.Get("run-dropped", "loss_t1")![1]);
    }

    /// <summary>
    /// The client connects before StreamApi has relayed anything or checked Redis for a gap (here everything was
    /// published before StreamApi started): a message pub/sub drops then still reaches it at the next check, not only
    /// when the next message comes (which, after a burst, can be half a minute later).
    /// </summary>
    [Fact]
    public async Task Stream_DeliversAMessageThatPubSubDropped_ToAClientThatConnectedBeforeTheFirstCheck()
    {
        await using var rig = await StreamRig.StartAsync(streamApiSettings: new Dictionary<string, string?> { ["Stream__GapCheckInterval"] = "00:00:05" });
        await rig.Ingestor.DisposeAsync(); // the test is the only writer from here on
        await using var client = await rig.ConnectAsync();
        var state = new StreamState();
        state.Apply(await client.NextAsync(Patience));

        var seq = await StoreWithoutPublishingAsync(rig, "run-early", step: 0, value: 0.5);

        await client.ApplyUntilAsync(state, s => s.Get("run-early", "loss_t1")?.Count == 1, Patience);
        Assert.Equal(seq, state.LastSeq);
    }

    /// <summary>What the ingestor's PUBLISH would have carried, stored as it stores it but never published.</summary>
    private static async Task<long> StoreWithoutPublishingAsync(StreamRig rig, string runId, long step, double value)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(rig.Redis.ConnectionString);
        var database = redis.GetDatabase();
        var keys = new Contracts.Redis.RedisKeys();
        var seq = (long)await database.StringGetAsync(keys.Sequence) + 1;
        var payload = $$"""{"seq":{{seq}},"type":"delta","published_ms":1,"series":[{"run_id":"{{runId}}","series_id":"loss_t1","metric":"loss_t1","op":"tail","from_step":{{step}},"steps":[{{step}}],"times_ms":[1],"values":[{{value}}],"mins":[{{value}}],"maxs":[{{value}}]}]}""";
        await database.ListRightPushAsync(keys.ReplayLog, payload);
        await database.StringSetAsync(keys.Sequence, seq);
        return seq;
    }

    [Fact]
    public async Task Stream_SendsHeartbeatComment_WhenIdle()
    {
        await using var rig = await StreamRig.StartAsync(streamApiSettings: new Dictionary<string, string?> { ["Stream__HeartbeatInterval"] = "00:00:01" });
        using var http = new HttpClient { BaseAddress = rig.StreamApi.BaseAddress };
        using var response = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(Patience);

        // A comment is not an event, so no SSE parser hands it on: the heartbeat is checked on the wire.
        var lines = new List<string>();
        while (await reader.ReadLineAsync(patience.Token) is { } line)
        {
            lines.Add(line);
            if (line == ": keepalive")
            {
                break;
            }
        }
        Assert.Equal(": keepalive", lines[^1]);
        Assert.Contains("event: snapshot", lines);
    }

    [Theory]
    [InlineData("?last_event_id=abc")]
    [InlineData("?last_event_id=-4")]
    public async Task Stream_Returns400_ForBadLastEventId(string query)
    {
        await using var rig = await StreamRig.StartAsync();
        using var http = new HttpClient { BaseAddress = rig.StreamApi.BaseAddress };

        using var response = await http.GetAsync("/stream" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_Returns400_WhenFilterHasTooManyEntries()
    {
        await using var rig = await StreamRig.StartAsync();
        using var http = new HttpClient { BaseAddress = rig.StreamApi.BaseAddress };
        var runs = string.Join(',', Enumerable.Range(0, 201).Select(i => $"run-{i}"));

        using var response = await http.GetAsync($"/stream?runs={runs}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("runs", out _));
    }

    [Fact]
    public async Task Runs_ListsEveryRunWithItsMetadata()
    {
        await using var rig = await StreamRig.StartAsync();
        await rig.Ingestor.WriteAsync("run-listed", "loss_t1", [(0, 1.0), (7, 0.5)]);
        using var http = new HttpClient { BaseAddress = rig.StreamApi.BaseAddress };

        var listed = 0;
        var run = await Eventually.ReturnsAsync(
            async () =>
            {
                var body = await http.GetFromJsonAsync<JsonElement>("/runs", Ct);
                var runs = JsonSerializer.Deserialize(body.GetProperty("runs"), WireJsonContext.Default.RunMetaArray)!;
                listed = runs.Length;
                return runs.FirstOrDefault(r => r.RunId == "run-listed");
            },
            "run-listed in /runs", Patience, () => $"{listed} other runs listed");

        Assert.Equal(7, run.LatestStep);
        Assert.Equal(1, run.SeriesCount);
    }
}
