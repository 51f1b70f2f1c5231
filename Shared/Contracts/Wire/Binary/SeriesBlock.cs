using System.Buffers.Binary;
using System.Numerics;

namespace Contracts.Wire.Binary;

/// <summary>
/// One series (<see cref="SeriesPoints"/> without op) as binary columns: what the ingestor stores per series for the
/// snapshot, and what StreamApi's compact snapshot is joined from without reading it (docs/protocol.md, "GET
/// /snapshot"). A point's min or max is sent only where it differs from its value: at bucket width 1 they never do,
/// and wider buckets choose their min or max as the value, so one of the two always matches. Exact: every double
/// keeps its bits, NaN and infinities included.
/// </summary>
public static class SeriesBlock
{
    /// <summary>The first byte of every block; stored JSON starts with '{', so the two are told apart by it.</summary>
    public const byte Format = 0xC1;

    /// <summary>The format byte and the two lengths before a block's fields.</summary>
    public const int HeadBytes = 9;

    private const byte MinDiffers = 1;
    private const byte MaxDiffers = 2;

    public static bool IsBlock(ReadOnlySpan<byte> bytes) => bytes.Length > 0 && bytes[0] == Format;

    public static byte[] Encode(SeriesPoints series)
    {
        var count = series.Steps.Length;
        if (series.TimesMs.Length != count || series.Values.Length != count || series.Mins.Length != count || series.Maxs.Length != count
            || (series.NonFinite is { } counts && counts.Length != count))
        {
            throw new ArgumentException($"Series {series.SeriesId} of run {series.RunId}: every column must have {count} points.", nameof(series));
        }
        var flags = new byte[count];
        var extra = 0;
        for (var i = 0; i < count; i++)
        {
            var value = BitConverter.DoubleToInt64Bits(series.Values[i]);
            if (BitConverter.DoubleToInt64Bits(series.Mins[i]) != value)
            {
                flags[i] |= MinDiffers;
                extra++;
            }
            if (BitConverter.DoubleToInt64Bits(series.Maxs[i]) != value)
            {
                flags[i] |= MaxDiffers;
                extra++;
            }
        }
        var doubles = new double[count + extra];
        series.Values.CopyTo(doubles, 0);
        var at = count;
        for (var i = 0; i < count; i++)
        {
            if ((flags[i] & MinDiffers) != 0)
            {
                doubles[at++] = series.Mins[i];
            }
        }
        for (var i = 0; i < count; i++)
        {
            if ((flags[i] & MaxDiffers) != 0)
            {
                doubles[at++] = series.Maxs[i];
            }
        }

        var fieldsSize = BlockWriter.SizeOf(series.RunId) + BlockWriter.SizeOf(series.SeriesId) + BlockWriter.SizeOf(series.Metric)
            + BlockWriter.SizeOf(series.Host) + 4 + 2 + 8 + 8 + 4 + IntegerColumn.SizeOf(series.Steps) + IntegerColumn.SizeOf(series.TimesMs)
            + count + 1 + (series.NonFinite is null ? 0 : 4 * count);
        var block = new byte[HeadBytes + fieldsSize + (8 * doubles.Length)];
        var writer = new BlockWriter(block);
        writer.Byte(Format);
        writer.UInt32((uint)fieldsSize);
        writer.UInt32((uint)doubles.Length);
        writer.String(series.RunId);
        writer.String(series.SeriesId);
        writer.String(series.Metric);
        writer.String(series.Host);
        writer.UInt32(series.Rank);
        writer.UInt16(series.Device);
        writer.Int64(series.TotalPoints);
        writer.Int64(series.BucketWidth);
        writer.UInt32((uint)count);
        IntegerColumn.Write(ref writer, series.Steps);
        IntegerColumn.Write(ref writer, series.TimesMs);
        writer.Bytes(flags);
        writer.Byte(series.NonFinite is null ? (byte)0 : (byte)1);
        if (series.NonFinite is { } nonFinite)
        {
            var destination = writer.Take(4 * count);
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], nonFinite[i]);
            }
        }
        DoublePlanes.Write(doubles, writer.Take(8 * doubles.Length));
        return block;
    }

    /// <summary>
    /// Where a block's doubles start and how many it holds: a compact snapshot puts every block's fields first and
    /// then the doubles of all its series together, plane by plane (<see cref="CompactSnapshot"/>).
    /// </summary>
    public static (int FieldsEnd, int Doubles) Layout(ReadOnlySpan<byte> block)
    {
        var reader = new BlockReader(block);
        if (reader.Byte() != Format)
        {
            throw new InvalidDataException("A series block starts with 0xC1.");
        }
        var fields = reader.UInt32();
        var doubles = reader.UInt32();
        if ((ulong)HeadBytes + fields + (8UL * doubles) != (ulong)block.Length)
        {
            throw new InvalidDataException("A series block's lengths do not match its bytes.");
        }
        return (HeadBytes + (int)fields, (int)doubles);
    }

    /// <summary>The series a block holds; <see cref="InvalidDataException"/> when the bytes are not one whole block.</summary>
    public static SeriesPoints Decode(ReadOnlySpan<byte> block)
    {
        var (fieldsEnd, doubles) = Layout(block);
        return Decode(block[HeadBytes..fieldsEnd], DoublePlanes.Read(block[fieldsEnd..], doubles));
    }

    /// <summary>The series whose fields are <paramref name="fields"/> and whose doubles, out of their planes, are <paramref name="doubles"/>.</summary>
    internal static SeriesPoints Decode(ReadOnlySpan<byte> fields, ReadOnlySpan<double> doubles)
    {
        var reader = new BlockReader(fields);
        var runId = reader.String();
        var seriesId = reader.String();
        var metric = reader.String();
        var host = reader.String();
        var rank = reader.UInt32();
        var device = reader.UInt16();
        var totalPoints = reader.Int64();
        var bucketWidth = reader.Int64();
        var count = reader.Count(bytesEach: 3);
        var steps = IntegerColumn.Read(ref reader, count);
        var times = IntegerColumn.Read(ref reader, count);
        var flags = reader.Take(count);
        var extra = 0;
        foreach (var flag in flags)
        {
            extra += BitOperations.PopCount((uint)(flag & (MinDiffers | MaxDiffers)));
        }
        if (count + extra != doubles.Length)
        {
            throw new InvalidDataException($"A series of {count} points with {extra} differing extremes holds {count + extra} doubles, not {doubles.Length}.");
        }
        int[]? nonFinite = null;
        if (reader.Byte() != 0)
        {
            var source = reader.Take(4 * count);
            nonFinite = new int[count];
            for (var i = 0; i < count; i++)
            {
                nonFinite[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
            }
        }
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"A series block has {reader.Remaining} bytes after its last column.");
        }
        var values = doubles[..count].ToArray();
        var mins = (double[])values.Clone();
        var maxs = (double[])values.Clone();
        var at = count;
        for (var i = 0; i < count; i++)
        {
            if ((flags[i] & MinDiffers) != 0)
            {
                mins[i] = doubles[at++];
            }
        }
        for (var i = 0; i < count; i++)
        {
            if ((flags[i] & MaxDiffers) != 0)
            {
                maxs[i] = doubles[at++];
            }
        }
        return new SeriesPoints
        {
            RunId = runId,
            SeriesId = seriesId,
            Metric = metric,
            Host = host,
            Rank = rank,
            Device = device,
            TotalPoints = totalPoints,
            BucketWidth = bucketWidth,
            Steps = steps,
            TimesMs = times,
            Values = values,
            Mins = mins,
            Maxs = maxs,
            NonFinite = nonFinite,
        };
    }
}
