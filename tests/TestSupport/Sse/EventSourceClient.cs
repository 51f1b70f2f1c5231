using System.Globalization;

namespace TestSupport.Sse;

/// <summary>
/// Reads a stream as a browser's EventSource does: when the server ends it (or the connection breaks), it connects
/// again after a second, the retry StreamApi suggests, sending the id of the last event it applied as Last-Event-ID.
/// </summary>
public sealed class EventSourceClient : IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly Uri _url;
    private SseClient? _client;

    private EventSourceClient(Uri url) => _url = url;

    /// <summary>How often it had to connect again.</summary>
    public int Reconnects { get; private set; }

    public static async Task<EventSourceClient> ConnectAsync(Uri url)
    {
        var source = new EventSourceClient(url);
        source._client = await SseClient.ConnectAsync(url);
        return source;
    }

    /// <summary>Applies events to <paramref name="state"/> until <paramref name="done"/> holds, reconnecting as often as the stream ends.</summary>
    public async Task ApplyUntilAsync(StreamState state, Func<StreamState, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(state))
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"The stream did not reach the expected state within {timeout}: at seq {state.LastSeq} after {Reconnects} reconnects.");
            }
            try
            {
                if (_client is null || !_client.Response.IsSuccessStatusCode)
                {
                    throw new EndOfStreamException("Not connected.");
                }
                state.Apply(await _client.NextAsync(remaining));
            }
            catch (EndOfStreamException)
            {
                await ReconnectAsync(state.LastSeq);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    private async Task ReconnectAsync(long lastSeq)
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }
        // The browser's own pause before it connects again: part of what these clients imitate.
        await Task.Delay(Retry);
        Reconnects++;
        try
        {
            _client = await SseClient.ConnectAsync(_url, lastSeq >= 0 ? lastSeq.ToString(CultureInfo.InvariantCulture) : null);
        }
        catch (HttpRequestException)
        {
            // The server is away: the next round tries again, as EventSource does.
        }
    }
}
