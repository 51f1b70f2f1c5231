using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using Contracts.Wire.Binary;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Ingestion;
using TestSupport.Redis;
using TestSupport.Sse;

namespace Ingestor.Tests.Publishing;

public sealed class RedisPublishingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RedisKeys _keys = new();

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Publisher_WritesSequencedDeltaAndSnapshot_WhenPointsArrive(string kind)
    {
        await using var rig = await PublishingRig.StartAsync(kind, PublishingSettings.FastSnapshots);

        await rig.Ingestor.WriteAsync("run-a", "loss_t1", [(0, 2.5), (1, 2.25), (2, double.NaN)]);

        var delta = await rig.Messages.NextDeltaAsync(d => d.Series.Any(s => s.RunId == "run-a"));
        var series = Assert.Single(delta.Series);
        Assert.Equal(SeriesOp.Replace, series.Op);
        Assert.Equal([0L, 1, 2], series.Steps);
        Assert.Equal(2.5, series.Values[0]);
        Assert.True(double.IsNaN(series.Values[2]));

        var database = rig.Connection.GetDatabase();
        Assert.Equal(delta.Seq, (long)await database.StringGetAsync(_keys.Sequence) >= delta.Seq ? delta.Seq : -1);
        var stored = await WaitForAsync(async () =>
        {
            var value = await database.HashGetAsync(_keys.RunSeries("run-a"), "loss_t1");
            return value.IsNullOrEmpty ? null : SeriesBlock.Decode((byte[])value!);
        }, "the stored series");
        Assert.Equal([0L, 1, 2], stored.Steps);
        Assert.Null(stored.Op);
        Assert.True((long)await database.StringGetAsync(_keys.SnapshotSequence) >= delta.Seq - 1);
        var log = await database.ListRangeAsync(_keys.ReplayLog);
        Assert.Contains(log, entry => JsonDocument.Parse((byte[])entry!).RootElement.GetProperty("seq").GetInt64() == delta.Seq);
    }

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Publisher_SendsConsecutiveSequenceAndTails_WhenSeriesGrows(string kind)
    {
        await using var rig = await PublishingRig.StartAsync(kind, PublishingSettings.FastSnapshots);

        await rig.Ingestor.WriteAsync("run-b", "loss_t1", [(0, 1.0), (1, 0.9)]);
        var first = await rig.Messages.NextDeltaAsync(d => d.Series.Length > 0);
        await rig.Ingestor.WriteAsync("run-b", "loss_t1", [(2, 0.8)]);
        var second = await rig.Messages.NextDeltaAsync(d => d.Series.Length > 0);

        Assert.True(second.Seq > first.Seq);
        var tail = Assert.Single(second.Series);
        Assert.Equal(SeriesOp.Tail, tail.Op);
        Assert.NotNull(tail.FromStep);
        Assert.Contains(2L, tail.Steps);
        Assert.All(tail.Steps, step => Assert.True(step >= tail.FromStep));
    }

    [Fact]
    public async Task Publisher_SendsACoarsenOfTheLastPoints_WhenTheWidthDoubles()
    {
        var settings = new Dictionary<string, string?>(PublishingSettings.FastSnapshots) { ["Decimation:MaxPoints"] = "8" };
        await using var rig = await PublishingRig.StartAsync(RedisServers.RedisServer, settings);

        await rig.Ingestor.WriteAsync("run-w", "loss_t1", Enumerable.Range(0, 8).Select(i => ((long)i, 10.0 - i)));
        var held = HeldSeries.From(Assert.Single((await rig.Messages.NextDeltaAsync(d => d.Series.Length > 0)).Series));
        await rig.Ingestor.WriteAsync("run-w", "loss_t1", [(8, 1.5), (9, double.NaN)]);
        var coarsen = Assert.Single((await rig.Messages.NextDeltaAsync(d => d.Series.Length > 0)).Series);

        Assert.Equal(SeriesOp.Coarsen, coarsen.Op);
        Assert.Equal(2, coarsen.BucketWidth);
        Assert.Equal(10, coarsen.TotalPoints);
        // Steps 0-3 merge on the client as they did here; only the last three buckets of the new five travel.
        Assert.Equal(4, coarsen.FromStep);
        Assert.Equal(3, coarsen.Steps.Length);
        held.Apply(coarsen);
        var stored = await WaitForAsync(async () =>
        {
            var value = await rig.Connection.GetDatabase().HashGetAsync(_keys.RunSeries("run-w"), "loss_t1");
            var series = value.IsNullOrEmpty ? null : SeriesBlock.Decode((byte[])value!);
            return series?.TotalPoints == 10 ? series : null;
        }, "the stored series after the doubling");
        Assert.Equal(HeldSeries.From(stored).Points, held.Points);
        Assert.Equal(5, held.Points.Count);
    }

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Publisher_RepublishesEverything_WhenRedisRestartsEmpty(string kind)
    {
        await using var redis = await RedisServers.StartAsync(kind);
        await using var ingestor = await IngestorHost.StartAsync(redis.ConnectionString, PublishingSettings.FastSnapshots);
        await ingestor.WriteAsync("run-c", "loss_t1", Enumerable.Range(0, 50).Select(i => ((long)i, 1.0 / (i + 1))));
        long before;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            before = await Eventually.ReturnsAsync(async () =>
                await connection.GetDatabase().HashExistsAsync(_keys.RunSeries("run-c"), "loss_t1")
                    ? (long?)(long)await connection.GetDatabase().StringGetAsync(_keys.SnapshotSequence)
                    : null, "the stored series and its snapshot seq", Patience);
        }

        await redis.StopAsync();
        await redis.StartAsync();

        await using var reconnected = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = reconnected.GetDatabase();
        var restored = await WaitForAsync(async () =>
        {
            var value = await database.HashGetAsync(_keys.RunSeries("run-c"), "loss_t1");
            return value.IsNullOrEmpty ? null : SeriesBlock.Decode((byte[])value!);
        }, "the series stored again after the restart");
        Assert.Equal(50, restored.Steps.Length);
        var after = await Eventually.ReturnsAsync(async () =>
            await database.StringGetAsync(_keys.SnapshotSequence) is { IsNullOrEmpty: false } stored ? (long?)(long)stored : null,
            "a snapshot seq after the restart", Patience);
        Assert.True(after > before, $"snapshot seq {after} after the restart, {before} before");
        var runs = JsonSerializer.Deserialize((byte[])(await database.StringGetAsync(_keys.Runs))!, WireJsonContext.Default.RunMetaArray)!;
        Assert.Contains(runs, run => run.RunId == "run-c");
    }

    [Fact]
    public async Task ReplayLog_HoldsAtMostItsBytes_KeepingTheNewestMessages()
    {
        var settings = new Dictionary<string, string?>(PublishingSettings.FastSnapshots) { ["Publishing:MaxMessageBytes"] = "16384", ["Publishing:ReplayLogBytes"] = "65536" };
        await using var rig = await PublishingRig.StartAsync(RedisServers.RedisServer, settings);

        long newest = 0;
        for (var round = 0; round < 12; round++)
        {
            var batch = new Model.MetricBatch();
            for (var metric = 0; metric < 20; metric++)
            {
                var key = new Contracts.Series.SeriesKey("run-f", $"metric_{metric:D2}");
                for (var step = round * 50; step < (round + 1) * 50; step++)
                {
                    batch.Add(key, new Model.MetricSample(step, 1_795_000_000_000 + step, metric + step * 0.001));
                }
            }
            await rig.Ingestor.Sink.WriteAsync(batch, CancellationToken.None);
            newest = (await rig.Messages.NextDeltaAsync(d => d.Series.Any(s => s.Steps.Contains((round * 50) + 49)))).Seq;
        }

        var log = await rig.Connection.GetDatabase().ListRangeAsync(_keys.ReplayLog);
        var bytes = log.Sum(entry => ((byte[])entry!).Length);
        var sequences = log.Select(entry => JsonDocument.Parse((byte[])entry!).RootElement.GetProperty("seq").GetInt64()).ToList();
        Assert.True(bytes <= 65536, $"the replay log holds {bytes} bytes in {log.Length} messages");
        Assert.True(sequences[^1] >= newest, "the newest message is kept");
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);
    }

    [Fact]
    public async Task Sequence_NeverGoesBack_WhenRedisAndTheIngestorRestartTogether()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        long before;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var messages = await PublishedMessages.SubscribeAsync(connection, _keys);
            await using var ingestor = await IngestorHost.StartAsync(redis.ConnectionString, PublishingSettings.FastSnapshots);
            await ingestor.WriteAsync("run-e", "loss_t1", [(0, 1.0)]);
            before = (await messages.NextDeltaAsync(d => d.Series.Length > 0)).Seq;
        }

        // Both forget: Redis restarts empty, and a new ingestor process starts from nothing.
        await redis.StopAsync();
        await redis.StartAsync();
        await using var reconnected = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var after = await PublishedMessages.SubscribeAsync(reconnected, _keys);
        await using var restarted = await IngestorHost.StartAsync(redis.ConnectionString, PublishingSettings.FastSnapshots);
        await restarted.WriteAsync("run-e", "loss_t1", [(1, 0.9)]);
        var delta = await after.NextDeltaAsync(d => d.Series.Length > 0);

        // A reader that holds `before` must not take the new history for old messages.
        Assert.True(delta.Seq > before + 1, $"seq {delta.Seq} after the restart, {before} before");
    }

    [Fact]
    public async Task Publisher_SplitsDeltaIntoBoundedMessages_WhenManySeriesChange()
    {
        var settings = new Dictionary<string, string?>(PublishingSettings.FastSnapshots) { ["Publishing:MaxMessageBytes"] = "16384" };
        await using var rig = await PublishingRig.StartAsync(RedisServers.RedisServer, settings);

        var batch = new Model.MetricBatch();
        for (var metric = 0; metric < 40; metric++)
        {
            var key = new Contracts.Series.SeriesKey("run-d", $"metric_{metric:D2}");
            for (var step = 0; step < 50; step++)
            {
                batch.Add(key, new Model.MetricSample(step, 1_795_000_000_000 + step, metric + step * 0.001));
            }
        }
        await rig.Ingestor.Sink.WriteAsync(batch, CancellationToken.None);

        var seen = new HashSet<string>();
        var sizes = new List<int>();
        long? previous = null;
        while (seen.Count < 40)
        {
            var (message, bytes) = await rig.Messages.NextDeltaWithSizeAsync();
            if (previous is { } p)
            {
                Assert.Equal(p + 1, message.Seq);
            }
            previous = message.Seq;
            sizes.Add(bytes);
            foreach (var series in message.Series)
            {
                Assert.True(seen.Add(series.SeriesId), $"{series.SeriesId} was sent twice");
            }
        }
        Assert.True(sizes.Count > 1, "40 series of 50 points should not fit in one 16 KiB message");
        Assert.All(sizes, size => Assert.True(size <= 16384 + 4096, $"message of {size} bytes"));
    }

    /// <summary>A probe that lands while Redis restarts finds nothing yet, instead of failing the test.</summary>
    private static Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what) where T : class =>
        Eventually.ReturnsAsync(async () =>
        {
            try
            {
                return await probe();
            }
            catch (RedisConnectionException)
            {
                return null;
            }
        }, what, Patience);

}
