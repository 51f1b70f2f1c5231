using System.Runtime.CompilerServices;

namespace Contracts.Redis;

/// <summary>Signed 64-bit integers as zigzag LEB128: small magnitudes of either sign take few bytes.</summary>
internal static class ZigZagVarint
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="offset"/>; returns the offset after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> destination, int offset, long value)
    {
        var bits = (ulong)((value << 1) ^ (value >> 63));
        while (bits >= 0x80)
        {
            destination[offset++] = (byte)(bits | 0x80);
            bits >>= 7;
        }
        destination[offset++] = (byte)bits;
        return offset;
    }

    /// <summary>Reads the value at <paramref name="offset"/> and moves the offset past it.</summary>
    /// <exception cref="FormatException">The bytes end inside the value, or it is longer than ten bytes.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Read(ReadOnlySpan<byte> source, ref int offset)
    {
        ulong bits = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if ((uint)offset >= (uint)source.Length)
            {
                break;
            }
            var part = source[offset++];
            bits |= (ulong)(part & 0x7F) << shift;
            if (part < 0x80)
            {
                return (long)(bits >> 1) ^ -(long)(bits & 1);
            }
        }
        throw new FormatException("A raw point chunk ends inside a number, or holds one longer than ten bytes.");
    }
}
