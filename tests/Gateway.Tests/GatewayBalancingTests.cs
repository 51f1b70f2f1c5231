using System.Net.ServerSentEvents;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class GatewayBalancingTests
{
    [Fact]
    public async Task Streams_SpreadOverBothStreamApis_WhenBothAreHealthy()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var a = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var b = await DestinationServer.StartAsync("streamapi-b", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([a.Address, b.Address], frontend.Address, cancellationToken);
        await gateway.WaitForAvailabilityAsync("streamapi", "2/2", cancellationToken);

        var sources = new List<string>();
        var responses = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var response = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                responses.Add(response);
                await using var events = SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken))
                    .EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                Assert.True(await events.MoveNextAsync());
                sources.Add(events.Current.Data.Contains("streamapi-a", StringComparison.Ordinal) ? "a" : "b");
            }
        }
        finally
        {
            responses.ForEach(response => response.Dispose());
        }

        // Least-requests balancing: long-lived streams go to the destination holding fewer of them.
        Assert.Equal(2, sources.Count(source => source == "a"));
        Assert.Equal(2, sources.Count(source => source == "b"));
    }

    [Fact]
    public async Task Requests_AvoidStreamApi_WhenItsActiveHealthCheckFails()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var a = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var b = await DestinationServer.StartAsync("streamapi-b", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([a.Address, b.Address], frontend.Address, cancellationToken);
        a.Healthy = false;
        await gateway.WaitForAvailabilityAsync("streamapi", "1/2", cancellationToken);

        var bodies = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            bodies.Add(await gateway.Client.GetStringAsync("/runs", cancellationToken));
        }

        Assert.All(bodies, body => Assert.Equal("streamapi-b /runs", body));
    }
}
