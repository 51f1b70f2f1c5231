using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace TensorBoard;

/// <summary>Writes Protocol Buffers wire format into a growable buffer (test data and the demo generator only).</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void WriteTag(int field, WireType wireType) => WriteVarint(((ulong)field << 3) | (ulong)wireType);

    public void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void WriteVarintField(int field, ulong value)
    {
        WriteTag(field, WireType.Varint);
        WriteVarint(value);
    }

    public void WriteFloatField(int field, float value)
    {
        WriteTag(field, WireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(sizeof(float)), value);
        _buffer.Advance(sizeof(float));
    }

    public void WriteDoubleField(int field, double value)
    {
        WriteTag(field, WireType.Fixed64);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(sizeof(double)), value);
        _buffer.Advance(sizeof(double));
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireType.LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteStringField(int field, string value) => WriteBytesField(field, Encoding.UTF8.GetBytes(value));

    public void WritePackedDoublesField(int field, ReadOnlySpan<double> values)
    {
        WriteTag(field, WireType.LengthDelimited);
        WriteVarint((ulong)(values.Length * sizeof(double)));
        foreach (var value in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(sizeof(double)), value);
            _buffer.Advance(sizeof(double));
        }
    }

    public void WriteMessageField(int field, ProtoWriter message) => WriteBytesField(field, message.WrittenSpan);
}
