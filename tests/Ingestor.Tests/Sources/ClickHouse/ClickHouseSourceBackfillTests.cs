using Contracts.Series;
using Ingestor.Sources.ClickHouse;
using TestSupport.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ClickHouseSourceBackfillTests(ClickHouseServerFixture clickHouse)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task Backfill_HandsOnEveryRowOnce_KeepingHostsRanksAndDevicesApart()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var old = Now.AddDays(-3);
        var points = new List<TestMetricPoint>();
        for (var step = 0; step < 300; step++)
        {
            points.Add(new TestMetricPoint("llm-7b", "loss_t1", step, 3.0 - (step * 0.001), old.AddSeconds(step)));
            points.Add(new TestMetricPoint("llm-7b", "sys.gpu.0.util_percent", step, 90, old.AddSeconds(step), Host: "node-1", Device: 0));
            points.Add(new TestMetricPoint("llm-7b", "sys.gpu.0.util_percent", step, 80, old.AddSeconds(step), Host: "node-2", Device: 0));
            points.Add(new TestMetricPoint("llm-7b", "grad_norm", step, 1, old.AddSeconds(step), Host: "node-1", Rank: 3, Device: 1));
            points.Add(new TestMetricPoint("vit-b", "loss_t1", step, 1.5, Now.AddSeconds(-300 + step)));
        }
        await database.InsertAsync(points);

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        var samples = runner.Sink.Samples;
        Assert.Equal(points.Count, samples.Count);
        Assert.Equal(
            [
                new SeriesKey("llm-7b", "grad_norm", "node-1", 3, 1),
                new SeriesKey("llm-7b", "loss_t1"),
                new SeriesKey("llm-7b", "sys.gpu.0.util_percent", "node-1", 0, 0),
                new SeriesKey("llm-7b", "sys.gpu.0.util_percent", "node-2", 0, 0),
                new SeriesKey("vit-b", "loss_t1"),
            ],
            samples.Select(s => s.Key).Distinct().Order(SeriesKeyOrder.Instance));
        var node2 = samples.Where(s => s.Key.Host == "node-2").Select(s => s.Sample).ToList();
        Assert.Equal(Enumerable.Range(0, 300).Select(step => (long)step), node2.Select(s => s.Step));
        Assert.All(node2, sample => Assert.Equal(80, sample.Value));
        Assert.Equal(old.AddSeconds(299).ToUnixTimeMilliseconds(), node2[^1].TimeMs);
    }

    [Fact]
    public async Task Backfill_AnnouncesEachRunBeforeItsPoints_WithItsMetadata()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var old = Now.AddDays(-2);
        await database.InsertAsync(
            new TestMetricPoint("finished", "loss", 10, 1, old),
            new TestMetricPoint("finished", "loss", 250, 0.5, old.AddHours(1)),
            new TestMetricPoint("finished", "accuracy", 250, 0.9, old.AddHours(1)),
            new TestMetricPoint("running", "loss", 7, 2, Now.AddSeconds(-20)));

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        var log = runner.Sink.Log;
        Assert.True(log.IndexOf("run:finished") < log.IndexOf("points:finished"));
        Assert.True(log.IndexOf("run:running") < log.IndexOf("points:running"));
        var finished = runner.Sink.LatestRun("finished")!;
        Assert.Equal(RunSource.ClickHouse, finished.Source);
        Assert.Equal(old, finished.StartTime);
        Assert.Equal(old.AddHours(1), finished.LastEventTime);
        Assert.Equal(250, finished.LatestStep);
        Assert.Equal(2, finished.SeriesCount);
        Assert.False(finished.IsActive);
        Assert.True(runner.Sink.LatestRun("running")!.IsActive);
    }

    [Fact]
    public async Task Backfill_KeepsNaNAndInfinity_AsValues()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("diverged", "loss", 1, 2.5, Now.AddMinutes(-10)),
            new TestMetricPoint("diverged", "loss", 2, double.NaN, Now.AddMinutes(-10)),
            new TestMetricPoint("diverged", "loss", 3, double.PositiveInfinity, Now.AddMinutes(-10)),
            new TestMetricPoint("diverged", "loss", 4, double.NegativeInfinity, Now.AddMinutes(-10)));

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Equal(
            [2.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity],
            runner.Sink.SamplesOf("diverged").Select(s => s.Sample.Value));
    }

    [Fact]
    public async Task Backfill_HandsOnEachRowExactlyOnce_WhenTheSinkRefusesBatchesMidRun()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var old = Now.AddDays(-1);
        var points = Enumerable.Range(0, 1000)
            .SelectMany(step => new[]
            {
                new TestMetricPoint("long-run", "loss", step, step, old.AddSeconds(step)),
                new TestMetricPoint("long-run", "lr", step, 1e-4, old.AddSeconds(step)),
            })
            .ToList();
        await database.InsertAsync(points);
        var options = SourceRunner.FastOptions();
        options.BatchSize = 300;

        var sink = new RecordingSink();
        sink.RefuseWrites(2, afterAccepted: 2);

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString, options, sink: sink);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Equal(2, sink.WritesRefused);
        var samples = runner.Sink.SamplesOf("long-run");
        Assert.Equal(points.Count, samples.Count);
        Assert.Equal(points.Count, samples.Select(s => (s.Key, s.Sample.Step)).Distinct().Count());
    }

    [Fact]
    public async Task Backfill_ReadsHostileRunIds_Unchanged()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        string[] runIds = ["it's", "'; DROP TABLE metric_points; --", "back\\slash", "tab\tand\nnewline", "训练-🚀"];
        await database.InsertAsync(runIds.Select((runId, i) => new TestMetricPoint(runId, "loss", i, i, Now.AddMinutes(-1))));

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Equal(runIds.Order(StringComparer.Ordinal), runner.Sink.Samples.Select(s => s.Key.RunId).Order(StringComparer.Ordinal));
        Assert.All(runIds, runId => Assert.NotNull(runner.Sink.LatestRun(runId)));
        Assert.Equal(runIds.Length, await database.CountAsync());
    }

    private sealed class SeriesKeyOrder : IComparer<SeriesKey>
    {
        public static readonly SeriesKeyOrder Instance = new();

        public int Compare(SeriesKey x, SeriesKey y) => string.CompareOrdinal($"{x.RunId}|{x.SeriesId}", $"{y.RunId}|{y.SeriesId}");
    }
}
