using Ingestor.Sources.ClickHouse;
using TestSupport.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ClickHouseSourceRunMetadataTests(ClickHouseServerFixture clickHouse)
{
    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task Run_TurnsInactiveAfterTheActiveWindow_AndActiveAgainWithNewRows()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var options = SourceRunner.FastOptions();
        options.ActiveWindow = TimeSpan.FromSeconds(3);
        await database.InsertAsync(new TestMetricPoint("pausing", "loss", 1, 1, Now));
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString, options);
        await runner.Sink.WaitUntilAsync(sink => sink.LatestRun("pausing")?.IsActive == true, "the run to be active");

        await runner.Sink.WaitUntilAsync(sink => sink.LatestRun("pausing")?.IsActive == false, "the run to turn inactive");
        await database.InsertAsync(new TestMetricPoint("pausing", "loss", 2, 1, Now));
        await runner.Sink.WaitUntilAsync(sink => sink.LatestRun("pausing")?.IsActive == true, "the run to be active again");

        var latest = runner.Sink.LatestRun("pausing")!;
        Assert.Equal(2, latest.LatestStep);
        // Each change of state was handed on when it happened, in order.
        var states = runner.Sink.RunUpserts.Where(run => run.RunId == "pausing").Select(run => run.IsActive).ToList();
        Assert.Equal([true, false, true], states.Where((state, i) => i == 0 || states[i - 1] != state));
    }

    [Fact]
    public async Task RunList_IsHandedOnWhole_EveryRunMetadataInterval()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("a", "loss", 1, 1, Now.AddDays(-1)),
            new TestMetricPoint("b", "loss", 1, 1, Now));
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);
        var before = runner.Sink.RunUpserts.Count(run => run.RunId == "a");

        await runner.Sink.WaitUntilAsync(sink => sink.RunUpserts.Count(run => run.RunId == "a") >= before + 2, "two more full run lists");

        Assert.False(runner.Sink.LatestRun("a")!.IsActive);
        Assert.True(runner.Sink.LatestRun("b")!.IsActive);
    }
}
