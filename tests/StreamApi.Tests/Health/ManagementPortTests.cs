using System.Net;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;

namespace StreamApi.Tests.Health;

/// <summary>StreamApi as published to Kubernetes: /health and /alive on the management port alone, the API on the other.</summary>
public sealed class ManagementPortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_AnswersOnlyOnTheManagementPort_AndTheApiOnlyOnThePublicPort()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString }, managementPort: FreePort.Next());
        using var management = new HttpClient { BaseAddress = streamApi.ManagementAddress };
        using var client = new HttpClient { BaseAddress = streamApi.BaseAddress };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound], await streamApi.HealthAnswersAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/runs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/runs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/api/health", Ct)).StatusCode);
    }
}
