using System.Buffers.Binary;
using System.Globalization;

namespace Contracts.Redis;

/// <summary>
/// Binary layout of the full-resolution store of log-directory series (<see cref="RedisKeys.RunRaw"/>).
/// The hash holds field <c>"c:{i}"</c> for chunk i (up to <see cref="PointsPerChunk"/> points in arrival order; every
/// chunk but the last is full) and field <see cref="IndexField"/>: one <see cref="IndexEntrySize"/>-byte entry per
/// chunk, four little-endian int64 (smallest step, largest step, earliest wall time, latest wall time of the chunk's
/// points), so a reader fetches only the chunks a range touches, even where steps are not monotonic.
/// <para>A chunk is one tag byte (<see cref="Float64Values"/> or <see cref="Float32Values"/>), then per point: the
/// step and the wall time (Unix ms) as zigzag LEB128 varints of their difference from the previous point's (the first
/// point's from 0), and the value, little-endian, as a float64, or as a float32 when the tag says every value of the
/// chunk is one exactly (TensorBoard's scalars). A training step after step and lines read together at one time take
/// a byte each, so a point of a loss log takes about 10 bytes (24 as three int64). NaN/Inf are stored as is.</para>
/// The writer sets a chunk and the index in one HSET, so a reader never sees an index entry without its chunk.
/// </summary>
public static class RawPointChunk
{
    public const int PointsPerChunk = 1024;
    public const int IndexEntrySize = 32;
    public const string IndexField = "index";

    /// <summary>Tag of a chunk whose values are float64.</summary>
    public const byte Float64Values = 0xD8;

    /// <summary>Tag of a chunk whose values are float32 (each exactly the float64 it stands for).</summary>
    public const byte Float32Values = 0xD4;

    /// <summary>The most bytes one point takes: two ten-byte varints and a float64.</summary>
    public const int MaxPointBytes = 28;

    public static string ChunkField(int chunk) => "c:" + chunk.ToString(CultureInfo.InvariantCulture);

    public static void WriteIndexEntry(Span<byte> destination, RawChunkExtent extent)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, extent.MinStep);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], extent.MaxStep);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], extent.MinTimeMs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], extent.MaxTimeMs);
    }

    public static RawChunkExtent ReadIndexEntry(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]));
}
