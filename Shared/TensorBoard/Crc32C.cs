using System.Buffers.Binary;
using System.Numerics;

namespace TensorBoard;

/// <summary>
/// CRC-32C (Castagnoli) as TFRecord uses it, on the processor's CRC32 instruction where there is one
/// (<see cref="BitOperations.Crc32C(uint, ulong)"/> falls back to a table otherwise).
/// </summary>
public static class Crc32C
{
    private const uint MaskDelta = 0xa282ead8;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return ~crc;
    }

    /// <summary>TFRecord stores CRCs rotated and offset, so that a CRC of data containing CRCs stays strong.</summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = Compute(data);
        return ((crc >> 15) | (crc << 17)) + MaskDelta;
    }
}
