using System.Net;
using System.Text.Json;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Ingestor.Tests.Sources.Configured;

/// <summary>An ingestor started with neither ClickHouse nor a log directory: alive, harmless, and saying what to set.</summary>
public sealed class UnconfiguredIngestorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_IsDegradedAndNamesBothSettings_AndTheLogWarns_WhenNoSourceIsConfigured()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString });
        using var http = new HttpClient { BaseAddress = ingestor.BaseAddress };

        using var response = await http.GetAsync("/health", Ct);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        var sources = report.RootElement.GetProperty("checks").GetProperty("sources");
        Assert.Equal("Degraded", sources.GetProperty("status").GetString());
        Assert.Contains("ConnectionStrings__clickhouse", sources.GetProperty("description").GetString());
        Assert.Contains("LogDirectorySource__Directories__0", sources.GetProperty("description").GetString());
        Assert.Contains("No source is configured", ingestor.RecentOutput);
    }
}
