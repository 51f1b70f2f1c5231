using System.Buffers.Binary;

namespace Contracts.Wire.Binary;

/// <summary>
/// Steps and wall times as the first value and the differences between neighbours, each difference in the fewest
/// bytes that hold all of them (1, 2, 4 or 8, signed): a step column of a decimated series needs one byte a point,
/// a column of times a second apart two, where JSON spends up to 16 digits.
/// </summary>
internal static class IntegerColumn
{
    public static int SizeOf(ReadOnlySpan<long> values) => 1 + (values.Length == 0 ? 0 : 8 + ((values.Length - 1) * WidthOf(values)));

    public static void Write(ref BlockWriter writer, ReadOnlySpan<long> values)
    {
        var width = WidthOf(values);
        writer.Byte((byte)width);
        if (values.Length == 0)
        {
            return;
        }
        writer.Int64(values[0]);
        var deltas = writer.Take((values.Length - 1) * width);
        for (var i = 1; i < values.Length; i++)
        {
            var delta = unchecked(values[i] - values[i - 1]);
            var at = deltas[((i - 1) * width)..];
            switch (width)
            {
                case 1: at[0] = unchecked((byte)(sbyte)delta); break;
                case 2: BinaryPrimitives.WriteInt16LittleEndian(at, (short)delta); break;
                case 4: BinaryPrimitives.WriteInt32LittleEndian(at, (int)delta); break;
                default: BinaryPrimitives.WriteInt64LittleEndian(at, delta); break;
            }
        }
    }

    public static long[] Read(ref BlockReader reader, int count)
    {
        var width = reader.Byte();
        if (width is not (1 or 2 or 4 or 8))
        {
            throw new InvalidDataException($"An integer column's width is 1, 2, 4 or 8 bytes, not {width}.");
        }
        var values = new long[count];
        if (count == 0)
        {
            return values;
        }
        var value = reader.Int64();
        values[0] = value;
        var deltas = reader.Take((count - 1) * width);
        for (var i = 1; i < count; i++)
        {
            var at = deltas[((i - 1) * width)..];
            value = unchecked(value + width switch
            {
                1 => (sbyte)at[0],
                2 => BinaryPrimitives.ReadInt16LittleEndian(at),
                4 => BinaryPrimitives.ReadInt32LittleEndian(at),
                _ => BinaryPrimitives.ReadInt64LittleEndian(at),
            });
            values[i] = value;
        }
        return values;
    }

    private static int WidthOf(ReadOnlySpan<long> values)
    {
        var width = 1;
        for (var i = 1; i < values.Length; i++)
        {
            var delta = unchecked(values[i] - values[i - 1]);
            // An overflowing difference (only between values beyond ±2^62) wraps; the reader wraps it back the same way.
            if (delta is < int.MinValue or > int.MaxValue)
            {
                return 8;
            }
            if (delta is < short.MinValue or > short.MaxValue)
            {
                width = 4;
            }
            else if (width < 2 && delta is < sbyte.MinValue or > sbyte.MaxValue)
            {
                width = 2;
            }
        }
        return width;
    }
}
