using System.Buffers.Binary;
using System.Text;

namespace Contracts.Wire.Binary;

/// <summary>Little-endian writes into a span sized beforehand; running past its end throws, so a wrong size shows at once.</summary>
internal ref struct BlockWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Position { get; private set; }

    public void Byte(byte value) => _destination[Position++] = value;

    public void UInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        UInt32((uint)length);
        Encoding.UTF8.GetBytes(value, Take(length));
    }

    public Span<byte> Take(int length)
    {
        var span = _destination.Slice(Position, length);
        Position += length;
        return span;
    }

    public static int SizeOf(string value) => 4 + Encoding.UTF8.GetByteCount(value);
}
