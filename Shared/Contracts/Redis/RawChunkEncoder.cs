using System.Buffers.Binary;

namespace Contracts.Redis;

/// <summary>
/// Builds one chunk (<see cref="RawPointChunk"/>) point by point. Appending only writes past the bytes already
/// encoded, and <see cref="Seal"/> writes a new array, so <see cref="Encoded"/> taken at any moment stays valid and
/// unchanged: a writer can send it while points are appended.
/// </summary>
public sealed class RawChunkEncoder
{
    private byte[] _bytes;
    private int _length;
    private long _lastStep;
    private long _lastTimeMs;
    private bool _float32Exact = true;
    private bool _sealed;

    public RawChunkEncoder(int initialBytes = 64)
    {
        _bytes = new byte[Math.Max(1 + RawPointChunk.MaxPointBytes, initialBytes)];
        _bytes[0] = RawPointChunk.Float64Values;
        _length = 1;
    }

    public int Count { get; private set; }

    public ReadOnlyMemory<byte> Encoded => _bytes.AsMemory(0, _length);

    /// <exception cref="InvalidOperationException">The chunk was sealed.</exception>
    public void Append(long step, long timeMs, double value)
    {
        if (_sealed)
        {
            throw new InvalidOperationException("A sealed chunk takes no more points.");
        }
        if (_length + RawPointChunk.MaxPointBytes > _bytes.Length)
        {
            // A new array, not a resize in place of the old: an Encoded taken before keeps its bytes.
            var larger = new byte[Math.Min(Math.Max(2 * _bytes.Length, _length + RawPointChunk.MaxPointBytes), 1 + (RawPointChunk.PointsPerChunk * RawPointChunk.MaxPointBytes))];
            _bytes.AsSpan(0, _length).CopyTo(larger);
            _bytes = larger;
        }
        _length = ZigZagVarint.Write(_bytes, _length, unchecked(step - _lastStep));
        _length = ZigZagVarint.Write(_bytes, _length, unchecked(timeMs - _lastTimeMs));
        BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(_length), value);
        _length += sizeof(double);
        _lastStep = step;
        _lastTimeMs = timeMs;
        _float32Exact &= ((double)(float)value).Equals(value);
        Count++;
    }

    /// <summary>
    /// Once no point will be added: keeps the chunk in an array of its exact size, with float32 values when every
    /// value is one exactly.
    /// </summary>
    public void Seal()
    {
        if (_sealed)
        {
            return;
        }
        _sealed = true;
        var float32 = _float32Exact && Count > 0;
        var size = float32 ? _length - (Count * (sizeof(double) - sizeof(float))) : _length;
        if (size == _bytes.Length && !float32)
        {
            return;
        }
        var sealedBytes = new byte[size];
        if (!float32)
        {
            _bytes.AsSpan(0, _length).CopyTo(sealedBytes);
        }
        else
        {
            sealedBytes[0] = RawPointChunk.Float32Values;
            var written = 1;
            var reader = new RawChunkReader(_bytes.AsSpan(0, _length));
            long step = 0, timeMs = 0;
            while (reader.MoveNext())
            {
                written = ZigZagVarint.Write(sealedBytes, written, unchecked(reader.Step - step));
                written = ZigZagVarint.Write(sealedBytes, written, unchecked(reader.TimeMs - timeMs));
                BinaryPrimitives.WriteSingleLittleEndian(sealedBytes.AsSpan(written), (float)reader.Value);
                written += sizeof(float);
                (step, timeMs) = (reader.Step, reader.TimeMs);
            }
        }
        _bytes = sealedBytes;
        _length = size;
    }
}
