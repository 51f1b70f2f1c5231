using System.Text;

namespace ClickHouse.Http;

/// <summary>
/// Turns escaped TabSeparated string fields into strings, handing back the same instance for the same bytes.
/// Run ids, metric names and hosts repeat on nearly every row, so a hit costs a hash and a compare instead of a
/// string, and equal keys share instances (cheap dictionary lookups downstream). Direct-mapped and bounded:
/// a collision simply replaces the older entry.
/// </summary>
public sealed class Utf8StringCache
{
    private const int MaxCachedLength = 256;

    private readonly Entry[] _entries;
    private readonly int _mask;

    /// <param name="capacity">Rounded up to a power of two.</param>
    public Utf8StringCache(int capacity = 4096)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        _entries = new Entry[size];
        _mask = size - 1;
    }

    public string Get(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IsEmpty)
        {
            return "";
        }
        if (escaped.Length > MaxCachedLength)
        {
            return Decode(escaped);
        }
        var hash = new HashCode();
        hash.AddBytes(escaped);
        ref var entry = ref _entries[hash.ToHashCode() & _mask];
        if (entry.Escaped is { } cached && escaped.SequenceEqual(cached))
        {
            return entry.Value!;
        }
        var value = Decode(escaped);
        entry = new Entry(escaped.ToArray(), value);
        return value;
    }

    private static string Decode(ReadOnlySpan<byte> escaped)
    {
        if (escaped.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }
        Span<byte> buffer = escaped.Length <= 512 ? stackalloc byte[escaped.Length] : new byte[escaped.Length];
        var length = TabSeparated.Unescape(escaped, buffer);
        return Encoding.UTF8.GetString(buffer[..length]);
    }

    private readonly record struct Entry(byte[]? Escaped, string? Value);
}
