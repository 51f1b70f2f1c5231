using System.Buffers.Binary;

namespace TensorBoard;

/// <summary>
/// The numeric content of a <c>TensorProto</c>, wherever the writer put it: <c>tensor_content</c> (raw
/// little-endian) or one of the typed repeated fields. Elements are widened to double.
/// </summary>
internal ref struct TensorView
{
    // tensorflow/core/framework/types.proto
    private const int DtFloat = 1;
    private const int DtDouble = 2;
    private const int DtInt32 = 3;
    private const int DtInt64 = 9;
    private const int DtBFloat16 = 14;
    private const int DtHalf = 19;

    public int DataType;
    public ReadOnlySpan<byte> Content;
    public ReadOnlySpan<byte> FloatValues;
    public ReadOnlySpan<byte> DoubleValues;
    public ReadOnlySpan<byte> VarintValues;
    public bool HasContent;

    public static TensorView Parse(ReadOnlySpan<byte> message)
    {
        var view = new TensorView();
        var reader = new ProtoReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.Varint): view.DataType = (int)reader.ReadVarint(); break;
                case (4, WireType.LengthDelimited): view.Content = reader.ReadLengthDelimited(); view.HasContent = true; break;
                case (5, WireType.LengthDelimited): view.FloatValues = reader.ReadLengthDelimited(); break;
                case (5, WireType.Fixed32): view.FloatValues = BitsOf(reader.ReadFloat()); break;
                case (6, WireType.LengthDelimited): view.DoubleValues = reader.ReadLengthDelimited(); break;
                case (6, WireType.Fixed64): view.DoubleValues = BitsOf(reader.ReadDouble()); break;
                case (7 or 10 or 13, WireType.LengthDelimited): view.VarintValues = reader.ReadLengthDelimited(); break;
                case (7 or 10 or 13, WireType.Varint): view.VarintValues = VarintBytesOf(reader.ReadVarint()); break;
                default: reader.Skip(wireType); break;
            }
        }
        return view;
    }

    /// <summary>Writes up to destination.Length elements; returns how many the tensor has, or -1 for a type it cannot read.</summary>
    public readonly int CopyTo(Span<double> destination)
    {
        if (HasContent)
        {
            var size = DataType switch { DtFloat or DtInt32 => 4, DtDouble or DtInt64 => 8, DtHalf or DtBFloat16 => 2, _ => 0 };
            if (size == 0 || Content.Length % size != 0)
            {
                return -1;
            }
            var count = Content.Length / size;
            for (var i = 0; i < Math.Min(count, destination.Length); i++)
            {
                var bytes = Content.Slice(i * size, size);
                destination[i] = DataType switch
                {
                    DtFloat => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                    DtDouble => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                    DtInt32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                    DtInt64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                    DtHalf => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes),
                    _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
                };
            }
            return count;
        }

        switch (DataType)
        {
            case DtFloat:
                for (var i = 0; i < Math.Min(FloatValues.Length / 4, destination.Length); i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(FloatValues[(i * 4)..]);
                }
                return FloatValues.Length / 4;
            case DtDouble:
                for (var i = 0; i < Math.Min(DoubleValues.Length / 8, destination.Length); i++)
                {
                    destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(DoubleValues[(i * 8)..]);
                }
                return DoubleValues.Length / 8;
            case DtInt32 or DtInt64 or DtHalf or DtBFloat16:
                var reader = new ProtoReader(VarintValues);
                var n = 0;
                while (!reader.AtEnd)
                {
                    var raw = reader.ReadVarint();
                    if (n < destination.Length)
                    {
                        destination[n] = DataType switch
                        {
                            DtInt32 => (int)raw,
                            DtInt64 => (long)raw,
                            DtHalf => (double)BitConverter.UInt16BitsToHalf((ushort)raw),
                            _ => BitConverter.Int32BitsToSingle((int)(raw << 16)),
                        };
                    }
                    n++;
                }
                return n;
            default:
                return -1;
        }
    }

    private static ReadOnlySpan<byte> BitsOf(float value)
    {
        var bytes = new byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        return bytes;
    }

    private static ReadOnlySpan<byte> BitsOf(double value)
    {
        var bytes = new byte[sizeof(double)];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }

    private static ReadOnlySpan<byte> VarintBytesOf(ulong value)
    {
        var bytes = new List<byte>(10);
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return bytes.ToArray();
    }
}
