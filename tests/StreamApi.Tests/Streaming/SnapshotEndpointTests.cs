using System.Globalization;
using System.Net;
using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

/// <summary>GET /snapshot against a real StreamApi process on a real Redis, fed by the ingestor's own publishing.</summary>
public sealed class SnapshotEndpointTests
{
    private static readonly TimeSpan Patience = StreamRig.Patience;

    /// <summary>Few buckets, so a short series is decimated and its envelope differs from its values.</summary>
    private static readonly Dictionary<string, string?> SmallBuckets = new() { ["Decimation:MaxPoints"] = "64" };

    private static double Loss(int step) => step % 97 == 13 ? double.NaN : Math.Exp(-step / 300.0) + (0.05 * Math.Sin(step * 0.37));

    private static async Task WriteRunsAsync(StreamRig rig)
    {
        await rig.Ingestor.WriteAsync("run-a", "loss_t1", Enumerable.Range(0, 500).Select(i => ((long)i, Loss(i))));
        await rig.Ingestor.WriteAsync("run-a", "sys.gpu.0.util_percent", Enumerable.Range(0, 30).Select(i => ((long)i, 50.0 + i)));
        await rig.Ingestor.WriteAsync("run b/2,x", "loss_t1", Enumerable.Range(0, 40).Select(i => ((long)i, i == 7 ? double.PositiveInfinity : 1.0 / (i + 1))));
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run b/2,x", "loss_t1", totalPoints: 40, Patience);
    }

    private static async Task<SnapshotMessage> StreamSnapshotAsync(StreamRig rig, string query = "")
    {
        await using var client = await rig.ConnectAsync(query);
        var first = await client.NextAsync(Patience);
        Assert.Equal(StreamEventType.Snapshot, first.Event);
        return JsonSerializer.Deserialize(first.Data, WireJsonContext.Default.SnapshotMessage)!;
    }

    private static void AssertSameSnapshot(SnapshotMessage expected, SnapshotMessage actual)
    {
        Assert.Equal(expected.Seq, actual.Seq);
        Assert.Equal(expected.Runs, actual.Runs);
        Assert.Equal(expected.Series.Select(s => (s.RunId, s.SeriesId)), actual.Series.Select(s => (s.RunId, s.SeriesId)));
        foreach (var (want, got) in expected.Series.Zip(actual.Series))
        {
            Assert.Equal((want.Metric, want.Host, want.Rank, want.Device, want.TotalPoints, want.BucketWidth), (got.Metric, got.Host, got.Rank, got.Device, got.TotalPoints, got.BucketWidth));
            Assert.Equal(want.Steps, got.Steps);
            Assert.Equal(want.TimesMs, got.TimesMs);
            Assert.Equal(want.Values.Select(BitConverter.DoubleToInt64Bits), got.Values.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(want.Mins.Select(BitConverter.DoubleToInt64Bits), got.Mins.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(want.Maxs.Select(BitConverter.DoubleToInt64Bits), got.Maxs.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(want.NonFinite, got.NonFinite);
        }
    }

    [Fact]
    public async Task Snapshot_HoldsWhatTheStreamsSnapshotHolds_AsCompressedColumns()
    {
        await using var rig = await StreamRig.StartAsync(ingestorSettings: SmallBuckets);
        await WriteRunsAsync(rig);

        var compact = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress);
        var json = await StreamSnapshotAsync(rig);

        Assert.Equal(HttpStatusCode.OK, compact.Response.StatusCode);
        Assert.Equal("br", compact.ContentEncoding);
        Assert.Equal(Contracts.Wire.Binary.CompactSnapshot.MediaType, compact.Response.Content.Headers.ContentType?.MediaType);
        var snapshot = compact.Read();
        AssertSameSnapshot(json, snapshot);
        var loss = Assert.Single(snapshot.Series, s => s.RunId == "run-a" && s.SeriesId == "loss_t1");
        Assert.True(loss.BucketWidth > 1);
        Assert.NotEqual(loss.Values, loss.Mins);
        Assert.Contains(loss.NonFinite!, count => count > 0);
    }

    /// <summary>The first request of all: StreamApi holds no snapshot and reads only the series the filter matches.</summary>
    [Fact]
    public async Task Snapshot_HoldsOnlyMatchingSeries_WhenFilteredAsTheStreamIs()
    {
        await using var rig = await StreamRig.StartAsync(ingestorSettings: SmallBuckets);
        await WriteRunsAsync(rig);
        const string Query = "?metrics=loss&run=run%20b%2F2%2Cx";

        var compact = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, Query);
        var json = await StreamSnapshotAsync(rig, Query);

        var snapshot = compact.Read();
        AssertSameSnapshot(json, snapshot);
        Assert.Equal([("run b/2,x", "loss_t1")], snapshot.Series.Select(s => (s.RunId, s.SeriesId)));
        Assert.Equal(["run b/2,x"], snapshot.Runs.Select(r => r.RunId));
        // The whole snapshot is read behind the filtered one and serves everyone after it.
        var all = (await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress)).Read();
        Assert.Equal(3, all.Series.Length);
        Assert.Equal(snapshot.Seq, all.Seq);
    }

    [Fact]
    public async Task Snapshot_IsCompressedAsAccepted_AndNotSentAgain_WhileItIsTheSame()
    {
        await using var rig = await StreamRig.StartAsync(ingestorSettings: SmallBuckets);
        await WriteRunsAsync(rig);

        var brotli = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress);
        var gzip = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, acceptEncoding: "gzip");
        var plain = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, acceptEncoding: null);
        var again = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, ifNoneMatch: brotli.ETag);
        var otherCoding = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, acceptEncoding: "gzip", ifNoneMatch: brotli.ETag);

        Assert.Equal(("br", "gzip", null), (brotli.ContentEncoding, gzip.ContentEncoding, plain.ContentEncoding));
        Assert.True(brotli.Wire.Length < plain.Wire.Length && gzip.Wire.Length < plain.Wire.Length,
            $"br {brotli.Wire.Length}, gzip {gzip.Wire.Length}, none {plain.Wire.Length} bytes");
        AssertSameSnapshot(plain.Read(), brotli.Read());
        AssertSameSnapshot(plain.Read(), gzip.Read());
        Assert.Contains("Accept-Encoding", brotli.Response.Headers.Vary);
        Assert.True(brotli.Response.Headers.CacheControl?.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, again.Response.StatusCode);
        Assert.Empty(again.Wire);
        Assert.Equal(brotli.ETag, again.ETag);
        Assert.Equal(HttpStatusCode.OK, otherCoding.Response.StatusCode);

        await rig.Ingestor.WriteAsync("run-a", "loss_t1", [(500, 0.25)]);
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-a", "loss_t1", totalPoints: 501, Patience);
        // The held snapshot may answer a while longer (with the deltas since it, a client is level); the newer one it
        // reads in the background then answers with a new tag.
        var answered = HttpStatusCode.NotModified;
        var changed = await Eventually.ReturnsAsync(
            async () =>
            {
                var answer = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, ifNoneMatch: brotli.ETag);
                answered = answer.Response.StatusCode;
                return answered == HttpStatusCode.NotModified ? null : answer;
            },
            "an answer other than 304 to the first snapshot's tag, once the newer snapshot is stored", Patience, () => $"{answered}");
        Assert.Equal(HttpStatusCode.OK, changed.Response.StatusCode);
        Assert.True(changed.Read().Seq > brotli.Read().Seq);
    }

    [Fact]
    public async Task Stream_ContinuesFromTheSnapshotsSeq_WithoutSendingAnotherSnapshot()
    {
        await using var rig = await StreamRig.StartAsync(ingestorSettings: SmallBuckets);
        await WriteRunsAsync(rig);
        var snapshot = (await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress)).Read();
        // One message a step, so the stream resumes through many of them.
        await using (var published = await ReplayLog.ConnectAsync(rig.Redis))
        {
            for (var step = 500; step < 520; step++)
            {
                await rig.Ingestor.WriteAsync("run-a", "loss_t1", [(step, Loss(step))]);
                await published.WaitForDeltaCarryingAsync("run-a", "loss_t1", step + 1, Patience);
            }
        }

        await using var client = await rig.ConnectAsync("?last_event_id=" + snapshot.Seq.ToString(CultureInfo.InvariantCulture));
        var state = new StreamState();
        state.Apply(new SseEvent(snapshot.Seq.ToString(CultureInfo.InvariantCulture), StreamEventType.Snapshot,
            JsonSerializer.Serialize(snapshot, WireJsonContext.Default.SnapshotMessage)));
        var events = await client.ApplyUntilAsync(state, s => s.Get("run-a", "loss_t1")?.ContainsKey(519) == true, Patience);

        Assert.DoesNotContain(events, e => e.Event == StreamEventType.Snapshot);
        Assert.Equal(snapshot.Seq + 1, events[0].Seq);
        // A client that started from the stream's own snapshot holds the same at the same seq.
        await using var other = await rig.ConnectAsync();
        var expected = new StreamState();
        await other.ApplyUntilAsync(expected, s => s.LastSeq >= state.LastSeq, Patience);
        await client.ApplyUntilAsync(state, s => s.LastSeq >= expected.LastSeq, Patience);
        Assert.Equal(expected.Get("run-a", "loss_t1")!, state.Get("run-a", "loss_t1")!);
    }

    [Fact]
    public async Task Snapshot_ServesASeries_ThatAnOlderIngestorStoredAsJson()
    {
        await using var rig = await StreamRig.StartAsync(ingestorSettings: SmallBuckets);
        await WriteRunsAsync(rig);
        // As such an ingestor wrote it, the series id named "series" (the wire's "series_id" since).
        const string Legacy =
            """{"run_id":"run-a","series":"eval.loss","metric":"eval.loss","host":"","rank":0,"device":65535,"total_points":2,"bucket_width":1,"steps":[0,100],"times_ms":[1795000000000,1795000100000],"values":[2.5,"NaN"],"mins":[2.5,"NaN"],"maxs":[2.5,"NaN"],"non_finite":[0,1]}""";
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(rig.Redis.ConnectionString))
        {
            await connection.GetDatabase().HashSetAsync(new RedisKeys().RunSeries("run-a"), "eval.loss", Legacy);
        }

        var snapshot = (await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress)).Read();
        var json = await StreamSnapshotAsync(rig);

        AssertSameSnapshot(json, snapshot);
        var read = Assert.Single(snapshot.Series, s => s.SeriesId == "eval.loss");
        Assert.Equal([0L, 100L], read.Steps);
        Assert.True(double.IsNaN(read.Values[1]));
        Assert.Equal([0, 1], read.NonFinite!);
    }

    [Fact]
    public async Task Snapshot_RefusesAFilterBeyondItsLimits()
    {
        await using var rig = await StreamRig.StartAsync();

        var tooMany = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress,
            "?runs=" + string.Join(',', Enumerable.Range(0, 201).Select(i => $"r{i}")));

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Response.StatusCode);
    }
}
