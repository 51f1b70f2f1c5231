using System.Net.ServerSentEvents;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class GatewayStreamingTests
{
    [Fact]
    public async Task Stream_DeliversFirstEvent_BeforeDestinationEndsResponse()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);

        using var response = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var parser = SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken));
        await using var events = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var firstEvent = events.MoveNextAsync().AsTask();

        // The destination still holds the response open: the first event came through unbuffered.
        Assert.True(await firstEvent.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken));
        Assert.Equal(1, streamApi.OpenStreams);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("1", "delta"), (parser.LastEventId, events.Current.EventType));

        streamApi.ReleaseStreams();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("2", parser.LastEventId);
        Assert.False(await events.MoveNextAsync());
    }

    [Fact]
    public async Task Stream_OutlivesRequestTimeout_WhileEventsFlow()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken,
            new Dictionary<string, string?> { ["Gateway:RequestTimeout"] = "00:00:01" });
        streamApi.StreamEvents = 6;
        streamApi.StreamEventInterval = TimeSpan.FromMilliseconds(400);
        streamApi.ReleaseStreams();

        using var response = await gateway.Client.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var parser = SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken));
        var events = 0;
        await foreach (var _ in parser.EnumerateAsync(cancellationToken))
        {
            events++;
        }

        // Six events 400 ms apart take two seconds, twice the request timeout of the REST routes.
        Assert.Equal(6, events);
        Assert.Equal("6", parser.LastEventId);
    }
}
