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
        var span = output.GetSpan(eventType.Length);
        var written = Encoding.UTF8.GetBytes(eventType, span);
        output.Advance(written);
        Write("\ndata: "u8);
        Write(data);
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
