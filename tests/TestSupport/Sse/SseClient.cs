using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace TestSupport.Sse;

/// <summary>
/// A real HTTP client of an SSE endpoint: frames are parsed by <see cref="SseParser"/> (the EventSource rules: id,
/// event, multi-line data; comments are not events) and queued for the test.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private readonly Task _reading;

    private SseClient(HttpClient http, HttpResponseMessage response)
    {
        _http = http;
        Response = response;
        _reading = ReadAsync(response);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>True once the server ended the stream.</summary>
    public bool Ended => _reading.IsCompleted;

    public static async Task<SseClient> ConnectAsync(Uri url, string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new SseClient(http, response);
    }

    /// <summary>The next event, or a TimeoutException naming what was awaited.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _events.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No SSE event within {timeout}.");
        }
        catch (ChannelClosedException)
        {
            throw new EndOfStreamException("The server ended the stream.");
        }
    }

    /// <summary>Events until one matches, returning all of them (the match last).</summary>
    public async Task<List<SseEvent>> UntilAsync(Func<SseEvent, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = new List<SseEvent>();
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No matching SSE event within {timeout}; saw {seen.Count}: {string.Join(", ", seen.Select(e => $"{e.Event}#{e.Id}"))}");
            }
            var next = await NextAsync(remaining);
            seen.Add(next);
            if (match(next))
            {
                return seen;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception)
        {
            // Reading ends with whatever the cancelled connection throws.
        }
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        try
        {
            var parser = SseParser.Create(await response.Content.ReadAsStreamAsync(_stop.Token));
            await foreach (var item in parser.EnumerateAsync(_stop.Token))
            {
                _events.Writer.TryWrite(new SseEvent(parser.LastEventId is { Length: > 0 } id ? id : null, item.EventType, item.Data));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
        catch (HttpRequestException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
