using System.Net;
using TestSupport;
using TestSupport.Processes;

namespace Frontend.Tests.Host;

/// <summary>
/// The Frontend host as published to Kubernetes: /health and /alive on the management port alone. The public port
/// answers them 404 rather than with index.html (its fallback for client-side views), and the management port
/// serves no file.
/// </summary>
public sealed class ManagementPortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_AnswersOnlyOnTheManagementPort_AndThePageOnlyOnThePublicPort()
    {
        await using var frontend = await ServiceProcess.StartAsync("Frontend", new Dictionary<string, string?>(), managementPort: FreePort.Next());
        using var management = new HttpClient { BaseAddress = frontend.ManagementAddress };
        using var client = new HttpClient { BaseAddress = frontend.BaseAddress };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound], await frontend.HealthAnswersAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app-config.json", Ct)).StatusCode);
        foreach (var path in (string[])["/", "/index.html", "/favicon.svg", "/app-config.json", "/runs/some-view"])
        {
            Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync(path, Ct)).StatusCode);
        }
    }
}
