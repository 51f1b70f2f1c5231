using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback that answers the paths the gateway routes with its own name, so a test can tell
/// which destination served a request. Its health can be switched, and its SSE stream is held open until released.
/// </summary>
public sealed class DestinationServer : IAsyncDisposable
{
    private readonly TaskCompletionSource _releaseStreams = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer? _server;
    private int _openStreams;

    public const string RawTargetHeader = "X-Raw-Target";

    private DestinationServer(string name) => Name = name;

    public string Name { get; }

    public Uri Address => _server!.Address;

    public bool Healthy { get; set; } = true;

    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>Time to wait between two events of a stream; the stream ends after <see cref="StreamEvents"/> events.</summary>
    public TimeSpan StreamEventInterval { get; set; } = TimeSpan.Zero;

    public int StreamEvents { get; set; } = 2;

    /// <summary>How long a REST answer takes.</summary>
    public TimeSpan RestDelay { get; set; } = TimeSpan.Zero;

    /// <summary>What <c>/snapshot</c> answers: brotli of a few bytes, which a proxy that decoded or re-encoded would change.</summary>
    public static byte[] CompressedSnapshot { get; } = Compress("TDS1 compressed by the destination"u8);

    public static async Task<DestinationServer> StartAsync(string name, CancellationToken cancellationToken)
    {
        var destination = new DestinationServer(name);
        destination._server = await LoopbackServer.StartAsync(destination.Map, cancellationToken);
        return destination;
    }

    /// <summary>Lets every stream held after its first event go on to the end.</summary>
    public void ReleaseStreams() => _releaseStreams.TrySetResult();

    private void Map(WebApplication app)
    {
        app.MapGet("/health", () => Healthy ? Results.Text("Healthy") : Results.Text("Unhealthy", statusCode: 503));
        app.MapGet("/alive", () => Results.Text("Healthy"));
        app.MapGet("/stream", StreamAsync);
        app.MapGet("/snapshot", (HttpContext context) =>
        {
            // As StreamApi answers: compressed bytes it chose by the request's Accept-Encoding, which it echoes here.
            context.Response.Headers.ContentEncoding = "br";
            context.Response.Headers.Vary = "Accept-Encoding";
            context.Response.Headers["X-Accept-Encoding"] = context.Request.Headers.AcceptEncoding.ToString();
            return Results.Bytes(CompressedSnapshot, "application/vnd.training-dashboard.snapshot");
        });
        app.MapGet("/api/echo/forwarded", (HttpContext context) =>
            Results.Text($"for={context.Request.Headers["X-Forwarded-For"]};proto={context.Request.Headers["X-Forwarded-Proto"]};host={context.Request.Headers["X-Forwarded-Host"]}"));
        app.Map("/{**path}", async (HttpContext context) =>
        {
            // A slow backend is what the tests that set it are about.
            await Task.Delay(RestDelay, context.RequestAborted);
            // The target as it came over the wire, before Kestrel decoded it: what a proxy changed shows here.
            context.Response.Headers[RawTargetHeader] = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
            return Results.Text($"{Name} {context.Request.Path}{context.Request.QueryString}");
        });
    }

    private async Task StreamAsync(HttpContext context)
    {
        Interlocked.Increment(ref _openStreams);
        try
        {
            context.Response.ContentType = "text/event-stream";
            await WriteEventAsync(context, 1);
            await _releaseStreams.Task.WaitAsync(context.RequestAborted);
            for (var seq = 2; seq <= StreamEvents; seq++)
            {
                // The pace of a live stream, as the tests that set it want it.
                await Task.Delay(StreamEventInterval, context.RequestAborted);
                await WriteEventAsync(context, seq);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _openStreams);
        }
    }

    private async Task WriteEventAsync(HttpContext context, int seq)
    {
        var frame = $"id: {seq}\nevent: delta\ndata: {{\"seq\":{seq},\"type\":\"delta\",\"from\":\"{Name}\"}}\n\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static byte[] Compress(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(bytes);
        }
        return output.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseStreams();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
