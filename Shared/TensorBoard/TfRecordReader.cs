using System.Buffers;
using System.Buffers.Binary;

namespace TensorBoard;

/// <summary>
/// Reads TFRecord records from a stream, from a given offset, for a file that may still be growing.
/// It stops at a partial record without consuming it (<see cref="TfRecordReadStatus.End"/>, resume at
/// <see cref="CompleteOffset"/>), skips a record whose data CRC is bad, and after a bad length CRC scans for the
/// next header whose length CRC matches, so corruption loses only the records it touches.
/// </summary>
public sealed class TfRecordReader : IDisposable
{
    private const int DefaultBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private long _bufferOffset;
    private int _position;
    private int _length;
    private bool _endOfStream;

    /// <param name="stream">Readable and positioned anywhere; the reader seeks to <paramref name="startOffset"/>.</param>
    /// <param name="startOffset">Where a record starts, or where a scan for one should go on.</param>
    /// <param name="resynchronizing">The previous pass ended inside a corrupt region (<see cref="Resynchronizing"/>).</param>
    public TfRecordReader(Stream stream, long startOffset, bool resynchronizing = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        _stream = stream;
        if (stream.CanSeek)
        {
            stream.Position = startOffset;
        }
        _bufferOffset = startOffset;
        CompleteOffset = startOffset;
        Resynchronizing = resynchronizing;
        _buffer = ArrayPool<byte>.Shared.Rent(DefaultBufferSize);
    }

    /// <summary>The data of the record just read; valid until the next call of <see cref="Read"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; private set; }

    /// <summary>File offset of the record (or corruption) <see cref="Read"/> just reported.</summary>
    public long RecordOffset { get; private set; }

    /// <summary>Offset just past everything consumed: the end of the last complete or skipped record.</summary>
    public long CompleteOffset { get; private set; }

    /// <summary>Reading stopped inside a corrupt region; pass this back when resuming at <see cref="CompleteOffset"/>.</summary>
    public bool Resynchronizing { get; private set; }

    public TfRecordReadStatus Read()
    {
        Data = default;
        if (Resynchronizing && !ScanForHeader())
        {
            return TfRecordReadStatus.End;
        }

        if (!Ensure(TfRecord.HeaderSize))
        {
            return TfRecordReadStatus.End;
        }

        RecordOffset = _bufferOffset + _position;
        if (!TryReadHeader(_position, out var dataLength))
        {
            _position++;
            CompleteOffset = _bufferOffset + _position;
            Resynchronizing = true;
            return TfRecordReadStatus.LengthCorrupt;
        }

        var total = TfRecord.Overhead + dataLength;
        if (!Ensure(total))
        {
            return TfRecordReadStatus.End;
        }

        var data = _buffer.AsSpan(_position + TfRecord.HeaderSize, dataLength);
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_position + TfRecord.HeaderSize + dataLength));
        var dataStart = _position + TfRecord.HeaderSize;
        _position += total;
        CompleteOffset = _bufferOffset + _position;
        if (Crc32C.Masked(data) != expected)
        {
            return TfRecordReadStatus.DataCorrupt;
        }

        Data = _buffer.AsMemory(dataStart, dataLength);
        return TfRecordReadStatus.Record;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private bool TryReadHeader(int at, out int dataLength)
    {
        var header = _buffer.AsSpan(at, TfRecord.HeaderSize);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
        var lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[sizeof(ulong)..]);
        if (length > TfRecord.MaxDataLength || Crc32C.Masked(header[..sizeof(ulong)]) != lengthCrc)
        {
            dataLength = 0;
            return false;
        }
        dataLength = (int)length;
        return true;
    }

    /// <summary>Moves to the next offset holding a header with a matching length CRC; false at the end of the data.</summary>
    private bool ScanForHeader()
    {
        while (Ensure(TfRecord.HeaderSize))
        {
            if (TryReadHeader(_position, out _))
            {
                Resynchronizing = false;
                CompleteOffset = _bufferOffset + _position;
                return true;
            }
            _position++;
            CompleteOffset = _bufferOffset + _position;
        }
        return false;
    }

    /// <summary>Makes <paramref name="count"/> bytes available from the current position, reading more as needed.</summary>
    private bool Ensure(int count)
    {
        if (_length - _position >= count)
        {
            return true;
        }
        if (_endOfStream)
        {
            return false;
        }

        if (count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(count);
            _buffer.AsSpan(_position, _length - _position).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_position > 0)
        {
            _buffer.AsSpan(_position, _length - _position).CopyTo(_buffer);
        }
        _bufferOffset += _position;
        _length -= _position;
        _position = 0;

        while (_length < count)
        {
            var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                _endOfStream = true;
                return false;
            }
            _length += read;
        }
        return true;
    }
}
