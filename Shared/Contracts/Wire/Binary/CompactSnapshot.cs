using System.Buffers;
using System.Text.Json;

namespace Contracts.Wire.Binary;

/// <summary>
/// A snapshot as binary columns (docs/protocol.md, "GET /snapshot"): a head with the sequence number and the runs
/// as JSON, the fields of every series' <see cref="SeriesBlock"/> as the ingestor stored it, then the doubles of all
/// series together in eight byte planes (compressed, a sixth smaller than planes per series). StreamApi writes it
/// by copying slices of the stored blocks; nothing is decoded.
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

    /// <summary>
    /// Writes the compact snapshot of <paramref name="blocks"/> (each as <see cref="SeriesBlock.Encode"/> made it):
    /// the head, every block's fields, then the doubles of all blocks as eight planes (byte 0 of every double of every
    /// series, then byte 1, ...). Only copies: the blocks are not decoded.
    /// </summary>
    public static void Write(Stream destination, long seq, RunMeta[] runs, IReadOnlyList<byte[]> blocks) =>
        Write(destination, Head(seq, runs, blocks.Count), blocks);

    /// <summary>As <see cref="Write(Stream, long, RunMeta[], IReadOnlyList{byte[]})"/>, with the head made beforehand.</summary>
    public static void Write(Stream destination, ReadOnlySpan<byte> head, IReadOnlyList<byte[]> blocks)
    {
        destination.Write(head);
        var layouts = new (int FieldsEnd, int Doubles)[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            layouts[i] = SeriesBlock.Layout(blocks[i]);
            destination.Write(blocks[i].AsSpan(0, layouts[i].FieldsEnd));
        }
        for (var plane = 0; plane < 8; plane++)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                var (fieldsEnd, doubles) = layouts[i];
                destination.Write(blocks[i].AsSpan(fieldsEnd + (plane * doubles), doubles));
            }
        }
    }

    /// <summary>The length <see cref="Write(Stream, ReadOnlySpan{byte}, IReadOnlyList{byte[]})"/> writes: a snapshot holds every byte of its blocks, rearranged.</summary>
    public static long Length(ReadOnlySpan<byte> head, IReadOnlyList<byte[]> blocks)
    {
        long length = head.Length;
        foreach (var block in blocks)
        {
            length += block.Length;
        }
        return length;
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
        var entries = new (int Start, int End, int Doubles, int FirstDouble)[reader.Count(SeriesBlock.HeadBytes)];
        var total = 0L;
        for (var i = 0; i < entries.Length; i++)
        {
            if (reader.Byte() != SeriesBlock.Format)
            {
                throw new InvalidDataException("A series block starts with 0xC1.");
            }
            var fields = (int)Math.Min(reader.UInt32(), int.MaxValue);
            var doubles = (int)Math.Min(reader.UInt32(), int.MaxValue);
            var start = reader.Position;
            reader.Take(fields);
            entries[i] = (start, reader.Position, doubles, (int)Math.Min(total, int.MaxValue));
            total += doubles;
        }
        if (total * 8 != reader.Remaining)
        {
            throw new InvalidDataException($"A compact snapshot's series hold {total} doubles, but {reader.Remaining} bytes follow them.");
        }
        var all = DoublePlanes.Read(reader.Take(reader.Remaining), (int)total);
        var series = new SeriesPoints[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var (start, end, doubles, first) = entries[i];
            series[i] = SeriesBlock.Decode(snapshot[start..end], all.AsSpan(first, doubles));
        }
        return new SnapshotMessage { Seq = seq, Runs = runs, Series = series };
    }
}
