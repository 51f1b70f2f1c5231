using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class GatewayRoutingTests
{
    [Theory]
    [InlineData("/runs", "streamapi-a /runs")]
    [InlineData("/metrics/run-1?metric=loss_t1&from_step=5", "streamapi-a /metrics/run-1?metric=loss_t1&from_step=5")]
    [InlineData("/checkpoints/run-1", "streamapi-a /checkpoints/run-1")]
    [InlineData("/milestones/run-1", "streamapi-a /milestones/run-1")]
    [InlineData("/api/loss/history?limit=50", "streamapi-a /api/loss/history?limit=50")]
    [InlineData("/streamapi/health", "Healthy")]
    [InlineData("/", "frontend /")]
    [InlineData("/assets/index-abc123.js", "frontend /assets/index-abc123.js")]
    [InlineData("/runs-and-more", "frontend /runs-and-more")]
    public async Task Gateway_RoutesPath_ToItsDestination(string path, string expected)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);

        var body = await gateway.Client.GetStringAsync(path, cancellationToken);

        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task Gateway_AnswersItsOwnHealth_WithDestinationAvailability()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);

        using var response = await gateway.Client.GetAsync("/health", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"destinations\"", body, StringComparison.Ordinal);
        Assert.Contains("\"streamapi\":\"1/1 healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Healthy\"", await gateway.Client.GetStringAsync("/alive", cancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ReportsDegraded_WhenNoStreamApiIsHealthy()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);
        streamApi.Healthy = false;

        await gateway.WaitForAvailabilityAsync("streamapi", "0/1", cancellationToken);
        using var health = await gateway.Client.GetAsync("/health", cancellationToken);

        // Degraded answers 200: the gateway still serves the dashboard, which shows the outage itself.
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadAsStringAsync(cancellationToken);
        Assert.Contains("\"status\":\"Degraded\"", body, StringComparison.Ordinal);
        Assert.Contains("No healthy destination in: streamapi.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_RejectsRequestLine_WhenLongerThanLimit()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken,
            new Dictionary<string, string?> { ["Gateway:MaxRequestLineBytes"] = "2048" });

        using var tooLong = await gateway.Client.GetAsync("/runs?filter=" + new string('a', 4096), cancellationToken);
        using var fits = await gateway.Client.GetAsync("/runs?filter=" + new string('a', 1024), cancellationToken);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Gateway_TimesOutRestRequest_WhenDestinationIsSlowerThanRequestTimeout()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken,
            new Dictionary<string, string?> { ["Gateway:RequestTimeout"] = "00:00:01" });
        streamApi.RestDelay = TimeSpan.FromSeconds(10);

        using var response = await gateway.Client.GetAsync("/runs", cancellationToken);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }
}
