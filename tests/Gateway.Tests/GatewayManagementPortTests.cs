using System.Globalization;
using System.Net;
using Gateway.Tests.Infrastructure;
using TestSupport;
using TestSupport.Processes;

namespace Gateway.Tests;

/// <summary>
/// The gateway as a process, started as the Kubernetes manifests start it: with a management port
/// (HealthEndpoints__Port) that answers /health and /alive and nothing else, while the public port, the one the
/// Ingress reaches, answers 404 for them.
/// </summary>
public sealed class GatewayManagementPortTests
{
    private const string ApiKey = "management-port-test-key-0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_AnswersOnTheManagementPort_AndIsNotFoundOnThePublicPort()
    {
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", Ct);
        await using var frontend = await DestinationServer.StartAsync("frontend", Ct);
        await using var gateway = await StartAsync(streamApi, frontend, managementPort: FreePort.Next());
        using var management = new HttpClient { BaseAddress = gateway.ManagementAddress };
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var health = await management.GetAsync("/health", Ct);
        using var alive = await management.GetAsync("/alive", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"destinations\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        foreach (var path in (string[])["/health", "/alive", "/HEALTH", "/health/", "/alive/ready"])
        {
            using var response = await client.GetAsync(path, Ct);
            // The gateway's own 404, not the frontend's catch-all route (which would answer the destination's name).
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal("frontend /", await client.GetStringAsync("/", Ct));
        Assert.Equal("streamapi-a /runs", await client.GetStringAsync("/runs", Ct));
    }

    /// <summary>
    /// With authentication on and a request limit of one a second, the management port still answers every probe
    /// without credentials, and everything else there is a plain 404: no sign-in challenge, no proxying, no 429.
    /// </summary>
    [Fact]
    public async Task ManagementPort_AnswersEveryProbe_AndNothingElse()
    {
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", Ct);
        await using var frontend = await DestinationServer.StartAsync("frontend", Ct);
        await using var gateway = await StartAsync(streamApi, frontend, managementPort: FreePort.Next(), new Dictionary<string, string?>
        {
            ["Gateway__Authentication__Mode"] = "ApiKey",
            ["Gateway__Authentication__ApiKeys__0"] = ApiKey,
            ["Gateway__ClientLimits__RequestsPerSecond"] = "1",
            ["Gateway__ClientLimits__Burst"] = "1",
        });
        using var management = new HttpClient { BaseAddress = gateway.ManagementAddress };
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        for (var i = 0; i < 10; i++)
        {
            using var probe = await management.GetAsync(i % 2 == 0 ? "/health" : "/alive", Ct);
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }
        foreach (var path in (string[])["/", "/index.html", "/runs", "/stream", "/api/health", "/streamapi/health", "/health/x", "/signin-oidc"])
        {
            using var response = await management.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} on the management port answered {(int)response.StatusCode}");
        }
        using var unauthenticated = await client.GetAsync("/runs", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    /// <summary>
    /// Through an Ingress the client chooses the Host header, so a check on it (RequireHost) would let it in; the port
    /// its connection arrived on it cannot choose.
    /// </summary>
    [Fact]
    public async Task Health_IsNotFoundOnThePublicPort_EvenWhenTheHostHeaderNamesTheManagementPort()
    {
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", Ct);
        await using var frontend = await DestinationServer.StartAsync("frontend", Ct);
        await using var gateway = await StartAsync(streamApi, frontend, managementPort: FreePort.Next());
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = $"127.0.0.1:{gateway.ManagementAddress!.Port}";

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithoutAManagementPort_HealthAnswersOnThePublicPort_AsLocally()
    {
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", Ct);
        await using var frontend = await DestinationServer.StartAsync("frontend", Ct);
        await using var gateway = await StartAsync(streamApi, frontend, managementPort: null);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("0", "HealthEndpoints__Port must be a TCP port")]
    [InlineData("65536", "HealthEndpoints__Port must be a TCP port")]
    [InlineData("not-a-port", "HealthEndpoints:Port")]
    [InlineData("unused", "HealthEndpoints__Port is")]
    [InlineData("public", "HealthEndpoints__Port is")]
    public async Task Start_Fails_NamingTheSetting_WhenThePortIsBadOrNotListenedOn(string value, string expected)
    {
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", Ct);
        await using var frontend = await DestinationServer.StartAsync("frontend", Ct);
        var publicPort = FreePort.Next();
        var port = value switch
        {
            "unused" => FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "public" => publicPort.ToString(CultureInfo.InvariantCulture),
            _ => value,
        };

        // A path that never answers 200, so that only the process's exit ends the wait.
        var failure = await Assert.ThrowsAsync<ServiceExitedException>(async () =>
        {
            await using var started = await ServiceProcess.StartAsync("Gateway",
                Destinations(streamApi, frontend, new Dictionary<string, string?> { ["HealthEndpoints__Port"] = port }), readyPath: "/never", port: publicPort);
        });

        Assert.Contains(expected, failure.Output, StringComparison.Ordinal);
    }

    private static Task<ServiceProcess> StartAsync(DestinationServer streamApi, DestinationServer frontend, int? managementPort,
        Dictionary<string, string?>? settings = null) =>
        ServiceProcess.StartAsync("Gateway", Destinations(streamApi, frontend, settings), managementPort: managementPort);

    private static Dictionary<string, string?> Destinations(DestinationServer streamApi, DestinationServer frontend, Dictionary<string, string?>? settings) =>
        new(settings ?? [])
        {
            ["services__streamapi__http__0"] = streamApi.Address.ToString(),
            ["services__frontend__http__0"] = frontend.Address.ToString(),
        };
}
