using System.Buffers.Binary;
using System.Text;

namespace Contracts.Wire.Binary;

/// <summary>Little-endian reads from a span; reading past its end is <see cref="InvalidDataException"/>, never an index error.</summary>
internal ref struct BlockReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;

    public int Position { get; private set; }

    public readonly int Remaining => _source.Length - Position;

    public byte Byte() => Take(1)[0];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>A count that the rest of the input must be able to hold <paramref name="bytesEach"/> bytes of.</summary>
    public int Count(int bytesEach)
    {
        var count = UInt32();
        if (count > (uint)Remaining / (uint)Math.Max(bytesEach, 1))
        {
            throw new InvalidDataException($"A count of {count} does not fit the {Remaining} bytes left.");
        }
        return (int)count;
    }

    public string String() => Encoding.UTF8.GetString(Take(Count(1)));

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw new InvalidDataException($"{length} more bytes were expected at offset {Position}, {Remaining} are left.");
        }
        var span = _source.Slice(Position, length);
        Position += length;
        return span;
    }
}
