namespace Contracts.Wire.Binary;

/// <summary>
/// Doubles stored as eight planes, the first holding byte 0 (the lowest) of every double, the last byte 7. The high
/// bytes (sign, exponent, leading mantissa) of a metric's neighbouring values are nearly alike, and in planes they
/// stand together where a compressor finds them: a snapshot compressed with brotli is a fifth (quality 1) to a quarter
/// (quality 4) smaller than with the same doubles one after the other. Nothing is rounded: every bit travels.
/// </summary>
internal static class DoublePlanes
{
    public static void Write(ReadOnlySpan<double> values, Span<byte> destination)
    {
        var count = values.Length;
        for (var i = 0; i < count; i++)
        {
            var bits = BitConverter.DoubleToUInt64Bits(values[i]);
            for (var plane = 0; plane < 8; plane++)
            {
                destination[(plane * count) + i] = (byte)(bits >> (8 * plane));
            }
        }
    }

    public static double[] Read(ReadOnlySpan<byte> source, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            ulong bits = 0;
            for (var plane = 0; plane < 8; plane++)
            {
                bits |= (ulong)source[(plane * count) + i] << (8 * plane);
            }
            values[i] = BitConverter.UInt64BitsToDouble(bits);
        }
        return values;
    }
}
