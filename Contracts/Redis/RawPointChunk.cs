using System.Buffers.Binary;

namespace Contracts.Redis;

/// <summary>
/// Binary layout of the full-resolution store of log-directory series (<see cref="RedisKeys.RunRaw"/>).
/// The hash holds field <c>"c:{i}"</c> for chunk i (up to <see cref="PointsPerChunk"/> points of
/// <see cref="RecordSize"/> bytes each, in arrival order) and field <see cref="IndexField"/>: one little-endian
/// int64 per chunk, the smallest step in that chunk, so a reader fetches only the chunks a range needs.
/// A record is int64 step, int64 wall time (Unix ms), float64 value, little-endian; NaN/Inf are stored as is.
/// </summary>
public static class RawPointChunk
{
    public const int PointsPerChunk = 1024;
    public const int RecordSize = 24;
    public const string IndexField = "index";

    public static string ChunkField(int chunk) => "c:" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
}
