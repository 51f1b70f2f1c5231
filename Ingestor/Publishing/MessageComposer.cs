using System.Buffers;
using System.Text.Json;
using Contracts.Wire;

namespace Ingestor.Publishing;

/// <summary>
/// Writes the JSON of sequenced messages around series that were serialized once. The layout matches the
/// <see cref="DeltaMessage"/> and <see cref="RunsMetaMessage"/> records (seq and type first), which readers
/// deserialize with the source-generated context.
/// </summary>
internal static class MessageComposer
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static byte[] Delta(long seq, long publishedMs, IReadOnlyList<byte[]> series, int start, int count)
    {
        var size = 64;
        for (var i = start; i < start + count; i++)
        {
            size += series[i].Length + 1;
        }
        var buffer = new ArrayBufferWriter<byte>(size);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq"u8, seq);
            writer.WriteString("type"u8, StreamEventType.Delta);
            writer.WriteNumber("published_ms"u8, publishedMs);
            writer.WriteStartArray("series"u8);
            for (var i = start; i < start + count; i++)
            {
                writer.WriteRawValue(series[i], skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] RunsMeta(long seq, long publishedMs, RunMeta[] runs) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new RunsMetaMessage { Seq = seq, PublishedMs = publishedMs, Runs = runs },
            WireJsonContext.Default.RunsMetaMessage);
}
