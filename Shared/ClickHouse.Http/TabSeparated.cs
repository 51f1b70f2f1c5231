using System.Buffers;

namespace ClickHouse.Http;

/// <summary>
/// ClickHouse's TabSeparated escaping: inside a field, a backslash starts an escape (<c>\t</c>, <c>\n</c>,
/// <c>\\</c>, ...), so raw tabs and newlines only ever separate fields and rows.
/// </summary>
public static class TabSeparated
{
    /// <summary>Bytes that must be escaped when we write a field (ClickHouse escapes the same and a quote).</summary>
    public static SearchValues<byte> NeedsEscape { get; } = SearchValues.Create("\\\t\n\r\0\b\f"u8);

    /// <summary>The letter that follows the backslash in the escape of <paramref name="value"/>, or 0 when it needs none.</summary>
    public static byte EscapeLetter(byte value) => value switch
    {
        (byte)'\\' => (byte)'\\',
        (byte)'\t' => (byte)'t',
        (byte)'\n' => (byte)'n',
        (byte)'\r' => (byte)'r',
        0 => (byte)'0',
        (byte)'\b' => (byte)'b',
        (byte)'\f' => (byte)'f',
        _ => 0,
    };

    /// <summary>
    /// Writes the unescaped bytes of <paramref name="field"/> into <paramref name="destination"/> (which needs at
    /// most <c>field.Length</c> bytes) and returns how many were written.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> field, Span<byte> destination)
    {
        var written = 0;
        var i = 0;
        while (i < field.Length)
        {
            var backslash = field[i..].IndexOf((byte)'\\');
            var plainLength = backslash < 0 ? field.Length - i : backslash;
            field.Slice(i, plainLength).CopyTo(destination[written..]);
            written += plainLength;
            i += plainLength;
            if (backslash < 0)
            {
                break;
            }
            if (i + 1 >= field.Length)
            {
                destination[written++] = (byte)'\\';
                break;
            }
            var letter = field[i + 1];
            i += 2;
            if (letter == (byte)'x' && i + 1 < field.Length && TryHex(field[i], field[i + 1], out var hexByte))
            {
                destination[written++] = hexByte;
                i += 2;
                continue;
            }
            destination[written++] = letter switch
            {
                (byte)'t' => (byte)'\t',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'0' => 0,
                (byte)'b' => (byte)'\b',
                (byte)'f' => (byte)'\f',
                (byte)'a' => 7,
                (byte)'v' => 11,
                (byte)'e' => 27,
                _ => letter,
            };
        }
        return written;
    }

    private static bool TryHex(byte high, byte low, out byte value)
    {
        var h = HexDigit(high);
        var l = HexDigit(low);
        value = (byte)((h << 4) | l);
        return h >= 0 && l >= 0;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
