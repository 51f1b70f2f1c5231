using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class GatewayForwardedHeadersTests
{
    [Fact]
    public async Task Destination_SeesTheOriginalClient_WhenForwardedHeadersAreTrusted()
    {
        var seen = await ForwardThroughGatewayAsync(enabled: true);

        Assert.Equal("for=203.0.113.7;proto=https;host=dashboard.example", seen.Text);
    }

    [Fact]
    public async Task Destination_SeesTheGatewaysOwnView_WhenForwardedHeadersAreNotTrusted()
    {
        var seen = await ForwardThroughGatewayAsync(enabled: false);

        // A client cannot forge its address or scheme through an untrusting gateway.
        Assert.Equal($"for=127.0.0.1;proto=http;host={seen.GatewayAuthority}", seen.Text);
    }

    private static async Task<(string Text, string GatewayAuthority)> ForwardThroughGatewayAsync(bool enabled)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken,
            new Dictionary<string, string?> { ["Gateway:ForwardedHeaders:Enabled"] = enabled ? "true" : "false" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/echo/forwarded");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "dashboard.example");

        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        return (await response.Content.ReadAsStringAsync(cancellationToken), gateway.Address.Authority);
    }
}
