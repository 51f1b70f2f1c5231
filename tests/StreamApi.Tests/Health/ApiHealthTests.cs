using System.Text.Json;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;

namespace StreamApi.Tests.Health;

/// <summary><c>/api/health</c> says which sources the ingestor reads, and that it reads none when nothing is configured.</summary>
public sealed class ApiHealthTests
{
    [Fact]
    public async Task ApiHealth_AnswersUnconfigured_WithNoSources_WhenTheIngestorHasNone()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString }, readyPath: "/alive");
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString }, readyPath: "/alive");
        using var http = new HttpClient { BaseAddress = streamApi.BaseAddress };
        var last = "no answer";

        var body = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await http.GetAsync("/api/health", TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            last = $"{(int)response.StatusCode} {text}";
            return response.IsSuccessStatusCode ? text : null;
        }, "the ingestor's report in /api/health", state: () => last);

        using var health = JsonDocument.Parse(body);
        Assert.Equal("unconfigured", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Array, health.RootElement.GetProperty("configured_sources").ValueKind);
        Assert.Equal(0, health.RootElement.GetProperty("configured_sources").GetArrayLength());
        Assert.Equal(0, health.RootElement.GetProperty("directories").GetArrayLength());
    }
}
