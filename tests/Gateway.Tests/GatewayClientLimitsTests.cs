using System.Net;
using Gateway.Tests.Infrastructure;
using TestSupport;
using TestSupport.Processes;

namespace Gateway.Tests;

/// <summary>Per client address: open streams and request rate, answered 429 with Retry-After over the limit.</summary>
public sealed class GatewayClientLimitsTests
{
    [Fact]
    public async Task Streams_OverTheLimitPerClient_Get429WithRetryAfter_AndOneClosingLetsTheNextIn()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken,
            new Dictionary<string, string?> { ["Gateway:ClientLimits:StreamsPerClient"] = "2" });

        var first = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var second = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var third = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health", cancellationToken)).StatusCode);

        first.Dispose();
        // The first stream's permit returns once the gateway has seen its client go.
        var answered = third.StatusCode;
        await Eventually.HoldsAsync(
            async () =>
            {
                using var fourth = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                answered = fourth.StatusCode;
                return answered == HttpStatusCode.OK;
            },
            "a new stream let in once the first closed", state: () => $"answered {answered}");
        streamApi.ReleaseStreams();
    }

    [Fact]
    public async Task Requests_OverTheRatePerClient_Get429WithRetryAfter()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken, new Dictionary<string, string?>
        {
            ["Gateway:ClientLimits:RequestsPerSecond"] = "1",
            ["Gateway:ClientLimits:Burst"] = "5",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await gateway.Client.GetAsync("/runs", cancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == (HttpStatusCode)429)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Contains((HttpStatusCode)429, statuses);
    }

    [Fact]
    public async Task Start_Fails_NamingTheKey_WhenALimitIsOutOfRange()
    {
        var output = await ServiceProcess.RefusedStartAsync("Gateway", new Dictionary<string, string?> { ["Gateway__ClientLimits__Burst"] = "0" });

        Assert.Contains("Gateway__ClientLimits__Burst must be between 1 and 1000000 (was 0).", output, StringComparison.Ordinal);
    }
}
