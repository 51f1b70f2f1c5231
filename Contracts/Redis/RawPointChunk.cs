using System.Buffers.Binary;
using System.Globalization;

namespace Contracts.Redis;

/// <summary>
/// Binary layout of the full-resolution store of log-directory series (<see cref="RedisKeys.RunRaw"/>).
/// The hash holds field <c>"c:{i}"</c> for chunk i (up to <see cref="PointsPerChunk"/> points of
/// <see cref="RecordSize"/> bytes each, in arrival order; every chunk but the last is full) and field
/// <see cref="IndexField"/>: one <see cref="IndexEntrySize"/>-byte entry per chunk, four little-endian int64
/// (smallest step, largest step, earliest wall time, latest wall time of the chunk's points), so a reader fetches
/// only the chunks a step or time range touches, even where steps are not monotonic.
/// A record is int64 step, int64 wall time (Unix ms), float64 value, little-endian; NaN/Inf are stored as is.
/// The writer sets a chunk and the index in one HSET, so a reader never sees an index entry without its chunk.
/// </summary>
public static class RawPointChunk
{
    public const int PointsPerChunk = 1024;
    public const int RecordSize = 24;
    public const int IndexEntrySize = 32;
    public const string IndexField = "index";

    public static string ChunkField(int chunk) => "c:" + chunk.ToString(CultureInfo.InvariantCulture);

    public static void Write(Span<byte> destination, long step, long timeMs, double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, step);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], timeMs);
        BinaryPrimitives.WriteDoubleLittleEndian(destination[16..], value);
    }

    public static (long Step, long TimeMs, double Value) Read(ReadOnlySpan<byte> source) =>
        (BinaryPrimitives.ReadInt64LittleEndian(source),
         BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
         BinaryPrimitives.ReadDoubleLittleEndian(source[16..]));

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
