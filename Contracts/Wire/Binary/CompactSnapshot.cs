using System.Buffers;
using System.Text.Json;

namespace Contracts.Wire.Binary;

/// <summary>
/// A snapshot as binary columns (docs/protocol.md, "Compact snapshot"): a head with the sequence number and the runs
/// as JSON, then one <see cref="SeriesBlock"/> per series, exactly as the ingestor stored it. StreamApi writes the
/// head and joins the stored blocks; nothing is parsed or encoded per request.
/// </summary>
public static class CompactSnapshot
{
    public const string MediaType = "application/vnd.training-dashboard.snapshot";

    /// <summary>"TDS" and the layout's version.</summary>
    public static ReadOnlySpan<byte> Magic => "TDS1"u8;

    /// <summary>Everything before the first block: magic, the head's length and JSON, and how many blocks follow.</summary>
    public static byte[] Head(long seq, RunMeta[] runs, int seriesCount)
    {
        var json = new ArrayBufferWriter<byte>(256 + (runs.Length * 256));
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq"u8, seq);
            writer.WriteString("type"u8, StreamEventType.Snapshot);
            writer.WritePropertyName("runs"u8);
            JsonSerializer.Serialize(writer, runs, WireJsonContext.Default.RunMetaArray);
            writer.WriteEndObject();
        }
        var head = new byte[Magic.Length + 4 + json.WrittenCount + 4];
        var block = new BlockWriter(head);
        block.Bytes(Magic);
        block.UInt32((uint)json.WrittenCount);
        block.Bytes(json.WrittenSpan);
        block.UInt32((uint)seriesCount);
        return head;
    }

    /// <summary>The snapshot a compact one holds, as the JSON snapshot would; <see cref="InvalidDataException"/> when it is not one.</summary>
    public static SnapshotMessage Read(ReadOnlySpan<byte> snapshot)
    {
        var reader = new BlockReader(snapshot);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("A compact snapshot starts with \"TDS1\".");
        }
        long seq;
        RunMeta[] runs;
        using (var head = JsonDocument.Parse(reader.Take(reader.Count(1)).ToArray()))
        {
            seq = head.RootElement.GetProperty("seq").GetInt64();
            runs = head.RootElement.GetProperty("runs").Deserialize(WireJsonContext.Default.RunMetaArray) ?? [];
        }
        var series = new SeriesPoints[reader.Count(5)];
        for (var i = 0; i < series.Length; i++)
        {
            var start = reader.Position;
            reader.Byte();
            var length = (int)reader.UInt32();
            reader.Take(length);
            series[i] = SeriesBlock.Decode(snapshot[start..reader.Position]);
        }
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"A compact snapshot has {reader.Remaining} bytes after its last block.");
        }
        return new SnapshotMessage { Seq = seq, Runs = runs, Series = series };
    }
}
