using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace Bench.Streaming;

/// <summary>
/// One long-lived SSE client as a browser keeps it: unfiltered, reading every event. It counts the events, and for
/// every delta records how old the newest point it carries is (its wall time to now). It reads bytes and parses only
/// what it needs, so a thousand of them in one process do not measure their own garbage collections as lag.
/// </summary>
internal sealed class SoakClient
{
    private int _snapshots;
    private long _events;
    private int _ended;

    /// <summary>Snapshots received: the first, then one per resynchronisation.</summary>
    public int Snapshots => Volatile.Read(ref _snapshots);

    /// <summary>Deltas and run lists received after the first snapshot.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>The stream ended, or failed, before the benchmark stopped it.</summary>
    public bool Disconnected => Volatile.Read(ref _ended) == 1;

    public string? Failure { get; private set; }

    public async Task RunAsync(HttpClient http, SoakLags lags, CancellationToken stop)
    {
        try
        {
            using var response = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(stop));
            while (true)
            {
                var result = await reader.ReadAsync(stop);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    Read(buffer.Slice(0, end), lags);
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    Failure = "the server ended the stream";
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            Failure = exception.Message;
        }
        Volatile.Write(ref _ended, 1);
    }

    /// <summary>The newest wall time among every <c>times_ms</c> array of a delta's line.</summary>
    public static long? NewestTimeMs(ReadOnlySpan<byte> line)
    {
        long? newest = null;
        var marker = "\"times_ms\":["u8;
        for (var at = line.IndexOf(marker); at >= 0; at = line.IndexOf(marker))
        {
            line = line[(at + marker.Length)..];
            while (Utf8Parser.TryParse(line, out long value, out var consumed))
            {
                newest = Math.Max(newest ?? value, value);
                line = line[consumed..];
                if (line.IsEmpty || line[0] != (byte)',')
                {
                    break;
                }
                line = line[1..];
            }
        }
        return newest;
    }

    private void Read(ReadOnlySequence<byte> line, SoakLags lags)
    {
        Span<byte> head = stackalloc byte[96];
        var length = (int)Math.Min(head.Length, line.Length);
        line.Slice(0, length).CopyTo(head);
        head = head[..length];
        if (!head.StartsWith("data: {\"seq\":"u8))
        {
            return;
        }
        if (head.IndexOf("\"type\":\"snapshot\""u8) >= 0)
        {
            Interlocked.Increment(ref _snapshots);
            return;
        }
        if (Snapshots == 0)
        {
            return;
        }
        Interlocked.Increment(ref _events);
        if (head.IndexOf("\"type\":\"delta\""u8) < 0)
        {
            return;
        }
        var received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var newest = line.IsSingleSegment ? NewestTimeMs(line.FirstSpan) : NewestTimeMs(line.ToArray());
        if (newest is { } timeMs)
        {
            lags.Record(received - timeMs);
        }
    }
}
