using System.Net;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Ingestor.Tests.Health;

/// <summary>The ingestor as published to Kubernetes: /health and /alive on the management port alone.</summary>
public sealed class ManagementPortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_AnswersOnlyOnTheManagementPort()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString }, managementPort: FreePort.Next());
        using var management = new HttpClient { BaseAddress = ingestor.ManagementAddress };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound], await ingestor.HealthAnswersAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync("/", Ct)).StatusCode);
    }
}
