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
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        using var firstEventTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstEventTimeout.CancelAfter(TimeSpan.FromSeconds(10));
        var first = await reader.ReadFrameAsync(firstEventTimeout.Token);

        // The destination still holds the response open: the first event came through unbuffered.
        Assert.Equal(1, streamApi.OpenStreams);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id: 1\nevent: delta\n", first, StringComparison.Ordinal);

        streamApi.ReleaseStreams();
        var second = await reader.ReadFrameAsync(cancellationToken);
        Assert.StartsWith("id: 2\n", second, StringComparison.Ordinal);
        Assert.Null(await reader.ReadFrameAsync(cancellationToken));
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
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var frames = new List<string>();
        while (await reader.ReadFrameAsync(cancellationToken) is { } frame)
        {
            frames.Add(frame);
        }

        // Six events 400 ms apart take two seconds, twice the request timeout of the REST routes.
        Assert.Equal(6, frames.Count);
        Assert.StartsWith("id: 6\n", frames[^1], StringComparison.Ordinal);
    }
}
