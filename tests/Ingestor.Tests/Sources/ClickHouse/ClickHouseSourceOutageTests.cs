using Ingestor.Sources.ClickHouse;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TestSupport.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ClickHouseSourceOutageTests(ClickHouseServerFixture clickHouse)
{
    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task Source_CatchesUpWithoutLossOrRepeats_WhenClickHouseComesBack()
    {
        // A server of its own: this test stops it.
        await using var server = await ClickHouseServerProcess.StartNewAsync();
        await using var database = await server.CreateDatabaseAsync();
        await database.InsertAsync(Enumerable.Range(0, 10).Select(step => new TestMetricPoint("steady", "loss", step, step, Now)));
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);
        Assert.Equal(HealthStatus.Healthy, (await runner.CheckHealthAsync()).Status);

        await server.StopAsync();
        await runner.Sink.WaitUntilAsync(_ => runner.Status.Current.ConsecutiveFailures >= 2, "failed polls");
        var down = await runner.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("unreachable", down.Description, StringComparison.Ordinal);

        await server.StartAsync();
        await database.InsertAsync(Enumerable.Range(10, 10).Select(step => new TestMetricPoint("steady", "loss", step, step, Now)));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("steady").Count >= 20, "the rows written after the outage");
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Equal(HealthStatus.Healthy, (await runner.CheckHealthAsync()).Status);
        Assert.Equal(Enumerable.Range(0, 20).Select(step => (long)step), runner.Sink.SamplesOf("steady").Select(s => s.Sample.Step));
    }

    [Fact]
    public async Task Source_NamesTheMissingTable_AndReadsItOnceItExists()
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.Sink.WaitUntilAsync(_ => runner.Status.Current.TableMissing, "the missing table to be reported");

        var health = await runner.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains($"The table {database.Name}.metric_points does not exist", health.Description, StringComparison.Ordinal);

        await database.CreateMetricTableAsync();
        await database.InsertAsync(new TestMetricPoint("late-table", "loss", 1, 1, Now));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("late-table").Count == 1, "the first row");
        await runner.WaitForPhaseAsync(SourcePhase.Polling);
        Assert.Equal(HealthStatus.Healthy, (await runner.CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task Source_ReportsTheTableGone_WhenItIsDroppedWhilePolling()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        await database.DropMetricTableAsync();
        await runner.Sink.WaitUntilAsync(_ => runner.Status.Current.TableMissing, "the dropped table to be reported");

        Assert.Contains("metric_points", (await runner.CheckHealthAsync()).Description, StringComparison.Ordinal);
    }
}
