using System.Buffers.Binary;

namespace Contracts.Redis;

/// <summary>The points of one chunk (<see cref="RawPointChunk"/>) in order, decoded as they are walked.</summary>
public ref struct RawChunkReader
{
    private readonly ReadOnlySpan<byte> _chunk;
    private readonly bool _float32;
    private int _offset;

    /// <exception cref="FormatException">The chunk does not start with a known tag.</exception>
    public RawChunkReader(ReadOnlySpan<byte> chunk)
    {
        _chunk = chunk;
        if (chunk.IsEmpty)
        {
            return;
        }
        _float32 = chunk[0] switch
        {
            RawPointChunk.Float64Values => false,
            RawPointChunk.Float32Values => true,
            _ => throw new FormatException($"A raw point chunk starts with tag 0x{chunk[0]:X2}, which is not one this version reads."),
        };
        _offset = 1;
    }

    public long Step { get; private set; }

    public long TimeMs { get; private set; }

    public double Value { get; private set; }

    /// <exception cref="FormatException">The chunk ends inside a point.</exception>
    public bool MoveNext()
    {
        if (_offset >= _chunk.Length)
        {
            return false;
        }
        Step = unchecked(Step + ZigZagVarint.Read(_chunk, ref _offset));
        TimeMs = unchecked(TimeMs + ZigZagVarint.Read(_chunk, ref _offset));
        var size = _float32 ? sizeof(float) : sizeof(double);
        if (_offset + size > _chunk.Length)
        {
            throw new FormatException("A raw point chunk ends inside a value.");
        }
        Value = _float32
            ? BinaryPrimitives.ReadSingleLittleEndian(_chunk[_offset..])
            : BinaryPrimitives.ReadDoubleLittleEndian(_chunk[_offset..]);
        _offset += size;
        return true;
    }
}
