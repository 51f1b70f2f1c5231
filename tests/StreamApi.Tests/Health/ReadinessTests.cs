using System.Net;
using System.Text.Json;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;

namespace StreamApi.Tests.Health;

/// <summary>
/// StreamApi's readiness (`/health`, the Kubernetes readiness probe) follows what it can serve: nothing without Redis,
/// everything but ClickHouse history without ClickHouse.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Health_IsReadyAndReportsClickHouseDegraded_WhenTheOptionalClickHouseIsUnreachable()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["ConnectionStrings__clickhouse"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=training_observability",
        }, readyPath: "/alive");
        using var http = new HttpClient { BaseAddress = streamApi.BaseAddress };

        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var stream = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty("clickhouse").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
    }

    [Fact]
    public async Task Health_IsNotReady_WhenRedisIsDown()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString });
        using var http = new HttpClient { BaseAddress = streamApi.BaseAddress };

        await redis.StopAsync();
        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        using var alive = await http.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
