using Gateway.Tests.Infrastructure;
using TestSupport.Processes;

namespace Gateway.Tests;

public sealed class GatewaySecurityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/runs")]
    [InlineData("/health")]
    public async Task Responses_CarrySecurityHeaders_OnEveryRoute(string path)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);

        using var response = await gateway.Client.GetAsync(path, cancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Start_Fails_NamingTheKey_WhenAnOptionIsInvalid()
    {
        // The real process: a start that fails is where WebApplicationFactory can lose the exception to its own race.
        var output = await ServiceProcess.RefusedStartAsync("Gateway", new Dictionary<string, string?>
        {
            ["Gateway__MaxRequestHeadersBytes"] = "10",
            ["Gateway__ForwardedHeaders__KnownNetworks__0"] = "not-a-network",
        });

        Assert.Contains("Gateway__MaxRequestHeadersBytes must be between 1024 and 1048576 (was 10).", output, StringComparison.Ordinal);
        Assert.Contains("Gateway__ForwardedHeaders__KnownNetworks__0 must be a network in CIDR form", output, StringComparison.Ordinal);
    }
}
