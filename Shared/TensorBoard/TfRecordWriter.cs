using System.Buffers.Binary;

namespace TensorBoard;

/// <summary>Writes TFRecord framing around each record's data.</summary>
public sealed class TfRecordWriter(Stream stream)
{
    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[TfRecord.HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[sizeof(ulong)..], Crc32C.Masked(header[..sizeof(ulong)]));
        Span<byte> footer = stackalloc byte[TfRecord.FooterSize];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        stream.Write(header);
        stream.Write(data);
        stream.Write(footer);
    }
}
