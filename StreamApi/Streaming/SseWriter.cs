using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace StreamApi.Streaming;

/// <summary>
/// Writes Server-Sent Events frames straight into the response pipe. Hand-written rather than through
/// <c>TypedResults.ServerSentEvents</c> because the payloads are already UTF-8 JSON shared by every client (no
/// per-client re-encoding) and the stream needs comment heartbeats, which SseItem cannot express.
/// Payloads are single-line JSON, so each is one data line.
/// </summary>
public sealed class SseWriter(PipeWriter output)
{
    /// <summary>Payloads above this are written in slices of this size, each flushed before the next.</summary>
    public const int SliceBytes = 64 * 1024;

    public void WriteRetry(TimeSpan retry)
    {
        Write("retry: "u8);
        WriteNumber((long)retry.TotalMilliseconds);
        Write("\n\n"u8);
    }

    public void WriteEvent(long id, string eventType, ReadOnlySpan<byte> data)
    {
        Write("id: "u8);
        WriteNumber(id);
        Write("\nevent: "u8);
        output.Advance(Encoding.UTF8.GetBytes(eventType, output.GetSpan(eventType.Length)));
        Write("\ndata: "u8);
        Write(data);
        Write("\n\n"u8);
    }

    /// <summary>
    /// Writes an event whose data may be large (a snapshot is megabytes) in slices, flushing each, so what this
    /// client has buffered stays near one slice however big the payload, instead of a copy of it per client.
    /// </summary>
    public async ValueTask WriteEventAsync(long id, string eventType, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.Length <= SliceBytes)
        {
            WriteEvent(id, eventType, data.Span);
            return;
        }
        Write("id: "u8);
        WriteNumber(id);
        Write("\nevent: "u8);
        output.Advance(Encoding.UTF8.GetBytes(eventType, output.GetSpan(eventType.Length)));
        Write("\ndata: "u8);
        for (var offset = 0; offset < data.Length; offset += SliceBytes)
        {
            Write(data.Span.Slice(offset, Math.Min(SliceBytes, data.Length - offset)));
            await output.FlushAsync(cancellationToken);
        }
        Write("\n\n"u8);
    }

    public void WriteComment(ReadOnlySpan<byte> text)
    {
        Write(": "u8);
        Write(text);
        Write("\n\n"u8);
    }

    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    private void Write(ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private void WriteNumber(long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }
}
