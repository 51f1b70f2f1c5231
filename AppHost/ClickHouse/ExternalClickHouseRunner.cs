using AppHost.Model;
using AppHost.Orchestration;

namespace AppHost.ClickHouse;

/// <summary>A ClickHouse AppHost does not run: dependents start once it answers <c>/ping</c>.</summary>
public sealed class ExternalClickHouseRunner(ClickHouseResource clickhouse, HttpClient http) : IResourceRunner
{
    private readonly ClickHouseHttpClient client = new(http, clickhouse.ConnectionString);

    public Resource Resource => clickhouse;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken) =>
        await client.PingAsync(cancellationToken) ? HealthCheck.Healthy : HealthCheck.Unhealthy("/ping does not answer");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
