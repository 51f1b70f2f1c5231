using ClickHouse.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamApi.History;
using TestSupport;
using TestSupport.ClickHouse;

namespace StreamApi.Tests.History;

[Collection(nameof(HistoryCollection))]
public sealed class ClickHouseHistoryHealthCheckTests(ClickHouseServerFixture clickHouse)
{
    [Fact]
    public async Task Check_IsHealthy_WhenTheTableIsThere()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        using var readers = new HistoryReaders(database.ConnectionString);

        var result = await new ClickHouseHistoryHealthCheck(readers.Client, readers.Options).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task Check_NamesTheTable_WhenItIsMissing()
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);
        using var readers = new HistoryReaders(database.ConnectionString);

        var result = await new ClickHouseHistoryHealthCheck(readers.Client, readers.Options).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"{database.Name}.metric_points is missing", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_IsUnhealthy_WhenClickHouseIsUnreachable()
    {
        using var readers = new HistoryReaders($"Host=127.0.0.1;Port={FreePort.Next()}");

        var result = await new ClickHouseHistoryHealthCheck(readers.Client, readers.Options).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("unreachable", result.Description, StringComparison.Ordinal);
        // /health is reachable through the gateway: no address of ClickHouse in it.
        Assert.DoesNotContain("127.0.0.1", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_Throws_WhenClickHouseIsUnreachable()
    {
        using var readers = new HistoryReaders($"Host=127.0.0.1;Port={FreePort.Next()}");

        var exception = await Assert.ThrowsAsync<ClickHouseException>(
            () => readers.Reader.ReadMetricAsync(new MetricHistoryQuery("r", "loss"), TestContext.Current.CancellationToken));

        Assert.True(exception.IsUnreachable);
    }
}
