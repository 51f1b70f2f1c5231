using System.Text.Json;
using Contracts.Redis;
using Contracts.Series;
using Contracts.Wire;
using Contracts.Wire.Binary;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Ingestion;
using TestSupport.Redis;

namespace Ingestor.Tests.Publishing;

public sealed class RunEvictionTests
{
    private const int Points = 5_000;
    private readonly RedisKeys _keys = new();

    private static readonly IReadOnlyDictionary<string, string?> ShortRetention = new Dictionary<string, string?>(PublishingSettings.FastSnapshots)
    {
        ["Retention:FinishedRunsAfter"] = "00:00:01",
    };

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task FinishedRun_LeavesMemoryButNotRedis_AndContinuesItsHistory_WhenItResumes(string kind)
    {
        await using var rig = await PublishingRig.StartAsync(kind, ShortRetention);
        var before = await EvictFinishedRunAsync(rig.Ingestor, rig.Connection);

        // The training run keeps its series in memory; the finished run's stay readable where the dashboard reads them.
        Assert.Equal(before.Steps, (await StoredAsync(rig.Connection, "finished", _ => true)).Steps);
        var runs = JsonSerializer.Deserialize((byte[])(await rig.Connection.GetDatabase().StringGetAsync(_keys.Runs))!, WireJsonContext.Default.RunMetaArray)!;
        Assert.Equal(1, Assert.Single(runs, r => r.RunId == "finished").SeriesCount);

        await rig.Ingestor.WriteAsync("finished", "loss", [(Points, 0.5)]);

        var delta = await rig.Messages.NextDeltaAsync(d => d.Series.Any(s => s.RunId == "finished" && s.Steps.Contains(Points)));
        var resumed = Assert.Single(delta.Series, s => s.RunId == "finished");
        Assert.Equal(Points + 1, resumed.TotalPoints);
        Assert.Equal(before.Mins.Min(), resumed.Mins.Min());
        Assert.Equal(before.Maxs.Max(), resumed.Maxs.Max());
        Assert.Equal(0, resumed.Steps[0]);
        Assert.Equal(before.Steps.Length, resumed.Steps.Length, tolerance: 1);
        var after = await StoredAsync(rig.Connection, "finished", s => s.TotalPoints == Points + 1);
        Assert.Equal(before.Steps[..^1], after.Steps[..(before.Steps.Length - 1)]);
        Assert.Equal(2, rig.Ingestor.Store.SeriesCount);
    }

    [Fact]
    public async Task FinishedRun_ContinuesItsHistory_FromJsonThatAnOlderIngestorStored()
    {
        await using var rig = await PublishingRig.StartAsync(RedisServers.RedisServer, ShortRetention);
        var before = await EvictFinishedRunAsync(rig.Ingestor, rig.Connection);

        // What the ingestor wrote before series were stored as blocks.
        await rig.Connection.GetDatabase().HashSetAsync(_keys.RunSeries("finished"), "loss", JsonSerializer.SerializeToUtf8Bytes(before, WireJsonContext.Default.SeriesPoints));
        await rig.Ingestor.WriteAsync("finished", "loss", [(Points, 0.5)]);

        var delta = await rig.Messages.NextDeltaAsync(d => d.Series.Any(s => s.RunId == "finished" && s.Steps.Contains(Points)));
        var resumed = Assert.Single(delta.Series, s => s.RunId == "finished");
        Assert.Equal(Points + 1, resumed.TotalPoints);
        Assert.Equal(before.Maxs.Max(), resumed.Maxs.Max());
        var after = await StoredAsync(rig.Connection, "finished", s => s.TotalPoints == Points + 1);
        Assert.Equal(before.Steps[..^1], after.Steps[..(before.Steps.Length - 1)]);
    }

    /// <summary>
    /// Two runs of <see cref="Points"/> losses, "finished" no longer active and "training" active; returns what Redis holds
    /// of the finished run once its series has left the ingestor's memory.
    /// </summary>
    private async Task<SeriesPoints> EvictFinishedRunAsync(IngestorHost ingestor, ConnectionMultiplexer connection)
    {
        await ingestor.WriteAsync("finished", "loss", Enumerable.Range(0, Points).Select(i => ((long)i, Loss(i))));
        await ingestor.WriteAsync("training", "loss", Enumerable.Range(0, Points).Select(i => ((long)i, Loss(i))));
        await ingestor.Sink.UpsertRunsAsync([Meta("finished", active: false), Meta("training", active: true)], CancellationToken.None);
        var stored = await StoredAsync(connection, "finished", s => s.TotalPoints == Points);
        await Eventually.HoldsAsync(() => ingestor.Store.SeriesCount == 1, "one series held");
        return stored;
    }

    private static double Loss(int step) => 2.0 / (1 + step * 0.01) + (step % 1000 == 500 ? 3 : 0);

    private static RunMeta Meta(string runId, bool active) => new()
    {
        RunId = runId,
        Source = RunSource.ClickHouse,
        StartTime = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000),
        LastEventTime = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000 + Points * 1000L),
        LatestStep = Points - 1,
        IsActive = active,
        SeriesCount = 1,
    };

    private async Task<SeriesPoints> StoredAsync(ConnectionMultiplexer connection, string runId, Func<SeriesPoints, bool> match)
    {
        return await Eventually.ReturnsAsync(async () =>
        {
            var value = await connection.GetDatabase().HashGetAsync(_keys.RunSeries(runId), "loss");
            var stored = value.IsNullOrEmpty || !SeriesBlock.IsBlock((byte[])value!) ? null : SeriesBlock.Decode((byte[])value!);
            return stored is not null && match(stored) ? stored : null;
        }, $"the stored series of {runId} as expected");
    }
}
