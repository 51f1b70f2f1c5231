using Contracts.Series;
using Ingestor.Sources.ClickHouse;
using TestSupport.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ClickHouseSourcePollTests(ClickHouseServerFixture clickHouse)
{
    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task Poll_HandsOnRowsInsertedAfterStart_EachOnce()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(new TestMetricPoint("live", "loss", 0, 3, Now.AddSeconds(-5)));
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        for (var step = 1; step <= 5; step++)
        {
            await database.InsertAsync(new TestMetricPoint("live", "loss", step, 3 - (step * 0.1), Now));
            await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("live").Count == step + 1, $"step {step}");
        }
        // Several more polls re-read the same window; none of them may hand a row on again.
        var pollsBefore = runner.Status.Current.LastSuccess;
        await runner.Sink.WaitUntilAsync(_ => runner.Status.Current.LastSuccess > pollsBefore?.AddSeconds(1), "more polls");

        Assert.Equal([0L, 1, 2, 3, 4, 5], runner.Sink.SamplesOf("live").Select(s => s.Sample.Step));
    }

    [Fact]
    public async Task Poll_AnnouncesANewRun_BeforeItsFirstPoints()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        await database.InsertAsync(
            new TestMetricPoint("fresh", "loss", 1, 2.0, Now),
            new TestMetricPoint("fresh", "sys.cpu.util_percent", 1, 50, Now, Host: "node-7"));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("fresh").Count == 2, "the new run's points");

        var log = runner.Sink.Log;
        Assert.True(log.IndexOf("run:fresh") < log.IndexOf("points:fresh"));
        var meta = runner.Sink.LatestRun("fresh")!;
        Assert.True(meta.IsActive);
        Assert.Equal(RunSource.ClickHouse, meta.Source);
        Assert.Equal(2, meta.SeriesCount);
    }

    [Fact]
    public async Task Poll_HandsOnLateRows_ThatLandInsideTheLateArrivalWindow()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(new TestMetricPoint("run", "loss", 100, 1, Now));
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);
        await database.InsertAsync(new TestMetricPoint("run", "loss", 101, 1, Now.AddSeconds(1)));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("run").Count == 2, "the newest row");

        // A lagging rank writes rows 20 s behind the newest one, after that one was read.
        await database.InsertAsync(
            new TestMetricPoint("run", "loss", 90, 1.1, Now.AddSeconds(-20), Rank: 5),
            new TestMetricPoint("run", "loss", 91, 1.1, Now.AddSeconds(-19), Rank: 5));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("run").Count == 4, "the late rows");

        Assert.Equal([90L, 91], runner.Sink.SamplesOf("run").Where(s => s.Key.Rank == 5).Select(s => s.Sample.Step));
    }

    [Fact]
    public async Task Poll_DropsARepeatedSeriesStep_InsideTheWindow()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        // A writer that retried its insert: the same (series, step) twice.
        await database.InsertAsync(new TestMetricPoint("retry", "loss", 5, 0.5, Now));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("retry").Count == 1, "the first copy");
        await database.InsertAsync(
            new TestMetricPoint("retry", "loss", 5, 0.5, Now),
            new TestMetricPoint("retry", "loss", 6, 0.4, Now));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("retry").Count >= 2, "the next step");

        Assert.Equal([5L, 6], runner.Sink.SamplesOf("retry").Select(s => s.Sample.Step));
    }

    [Fact]
    public async Task Poll_HandsOnRefusedRowsAgain_AndAcceptedOnesNever()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var options = SourceRunner.FastOptions();
        options.BatchSize = 2;
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString, options);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        var accepted = runner.Sink.BatchesAccepted;
        runner.Sink.RefuseWrites(1, afterAccepted: accepted + 1);
        await database.InsertAsync(Enumerable.Range(0, 7).Select(step => new TestMetricPoint("flaky", "loss", step, step, Now)));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("flaky").Count >= 7, "every row");
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Equal(1, runner.Sink.WritesRefused);
        Assert.Equal(Enumerable.Range(0, 7).Select(step => (long)step), runner.Sink.SamplesOf("flaky").Select(s => s.Sample.Step).Order());
    }

    [Fact]
    public async Task Poll_KeepsNaNAndInfinity_AsValues()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        await database.InsertAsync(
            new TestMetricPoint("nan-run", "loss", 1, double.NaN, Now),
            new TestMetricPoint("nan-run", "loss", 2, double.NegativeInfinity, Now),
            new TestMetricPoint("nan-run", "loss", 3, double.PositiveInfinity, Now));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("nan-run").Count == 3, "the non-finite rows");

        Assert.Equal([double.NaN, double.NegativeInfinity, double.PositiveInfinity], runner.Sink.SamplesOf("nan-run").Select(s => s.Sample.Value));
    }

    [Fact]
    public async Task Poll_ReadsAboutTheNewRows_WhenTheTableHoldsALargeHistory()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        // 400,000 rows of history over 40 runs, ending an hour ago, merged into big parts as an old table is.
        var historyEnd = Now.AddHours(-1).ToUnixTimeSeconds();
        await database.InsertSelectAsync(
            $"SELECT toDateTime({historyEnd} - intDiv(400000 - number, 40)), concat('old-', toString(number % 40)), '', 0, 65535, intDiv(number, 40), " +
            "'loss', number / 1000 FROM system.numbers LIMIT 400000");
        await database.OptimizeAsync();
        var options = SourceRunner.FastOptions();
        options.LateArrivalWindow = TimeSpan.FromSeconds(5);
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString, options);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        await database.InsertAsync(Enumerable.Range(0, 50).Select(step => new TestMetricPoint("new", "loss", step, step, Now)));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("new").Count == 50, "the first new rows");
        await database.InsertAsync(Enumerable.Range(50, 30).Select(step => new TestMetricPoint("new", "loss", step, step, Now)));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("new").Count == 80, "the next new rows");

        // The two polls that read the new rows touched only the new parts, never the 400,000 rows of history
        // (the second may read the first batch again when both fell into the same second).
        var rowReads = (await database.FinishedQueriesAsync("ORDER BY run_id"))
            .Where(query => query.Query.Contains("WHERE event_time >=", StringComparison.Ordinal))
            .ToList();
        var newRowReads = rowReads.Where(query => query.ResultRows is 50 or 30 or 80).ToList();
        Assert.Equal(2, newRowReads.Count);
        Assert.All(newRowReads, query => Assert.InRange(query.ReadRows, 30, 1000));
        // Counting the window scanned the history's big part while the window still reached into it; once the
        // window had moved on to the new rows, counting touched only them.
        var movedOn = (await database.FinishedQueriesAsync("GROUP BY event_second"))
            .Where(query => TimeBound(query.Query) > historyEnd)
            .ToList();
        Assert.NotEmpty(movedOn);
        Assert.All(movedOn, query => Assert.InRange(query.ReadRows, 0, 1000));
    }

    [Fact]
    public async Task Poll_ReadsNoRows_WhileNothingIsInserted()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertSelectAsync(
            $"SELECT toDateTime({Now.ToUnixTimeSeconds()} - intDiv(100000 - number, 100)), 'idle', '', 0, 65535, number, 'loss', 1 FROM system.numbers LIMIT 100000");
        await database.OptimizeAsync();
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);
        var countsBefore = (await database.FinishedQueriesAsync("GROUP BY event_second")).Count;

        var polled = runner.Status.Current.LastSuccess;
        await runner.Sink.WaitUntilAsync(_ => runner.Status.Current.LastSuccess > polled?.AddSeconds(1), "several polls");

        Assert.Equal(countsBefore, (await database.FinishedQueriesAsync("GROUP BY event_second")).Count);
        Assert.Equal(100000, runner.Sink.SamplesOf("idle").Count);
    }

    /// <summary>N of the "event_time >= toDateTime(N)" in a poll query.</summary>
    private static long TimeBound(string query)
    {
        const string Marker = "event_time >= toDateTime(";
        var start = query.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return long.Parse(query.AsSpan(start, query.IndexOf(')', start) - start), System.Globalization.CultureInfo.InvariantCulture);
    }
}
