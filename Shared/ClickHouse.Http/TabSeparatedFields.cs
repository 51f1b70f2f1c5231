using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ClickHouse.Http;

/// <summary>The fields of one TabSeparated line, read left to right and parsed in place.</summary>
public ref struct TabSeparatedFields(ReadOnlySpan<byte> line)
{
    private readonly ReadOnlySpan<byte> _line = line;
    private ReadOnlySpan<byte> _rest = line;
    private bool _exhausted;
    private int _index;

    public ReadOnlySpan<byte> Next()
    {
        if (_exhausted)
        {
            throw Malformed($"has {_index} fields, more were expected");
        }
        _index++;
        var tab = _rest.IndexOf((byte)'\t');
        if (tab < 0)
        {
            var last = _rest;
            _rest = default;
            _exhausted = true;
            return last;
        }
        var field = _rest[..tab];
        _rest = _rest[(tab + 1)..];
        return field;
    }

    public string NextString(Utf8StringCache cache) => cache.Get(Next());

    public long NextInt64()
    {
        var field = Next();
        return Utf8Parser.TryParse(field, out long value, out var consumed) && consumed == field.Length
            ? value
            : throw Malformed($"field {_index} is not an integer");
    }

    public ulong NextUInt64()
    {
        var field = Next();
        return Utf8Parser.TryParse(field, out ulong value, out var consumed) && consumed == field.Length
            ? value
            : throw Malformed($"field {_index} is not an unsigned integer");
    }

    public uint NextUInt32() => checked((uint)NextUInt64());

    public ushort NextUInt16() => checked((ushort)NextUInt64());

    /// <summary>A Float64 as ClickHouse writes it, including <c>nan</c>, <c>inf</c> and <c>-inf</c>.</summary>
    public double NextDouble()
    {
        var field = Next();
        if (Utf8Parser.TryParse(field, out double value, out var consumed) && consumed == field.Length)
        {
            return value;
        }
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }
        return TryParseNonFinite(field, out value) ? value : throw Malformed($"field {_index} is not a number");
    }

    /// <summary>Throws unless every field was read.</summary>
    public readonly void End()
    {
        if (!_exhausted)
        {
            throw Malformed($"has more than {_index} fields");
        }
    }

    /// <summary>The start of a line, printable, for error messages (a server error can arrive mid-stream as text).</summary>
    public static string Describe(ReadOnlySpan<byte> line)
    {
        const int MaxLength = 300;
        var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, MaxLength)]);
        return line.Length > MaxLength ? text + "…" : text;
    }

    private static bool TryParseNonFinite(ReadOnlySpan<byte> field, out double value)
    {
        var negative = field.Length > 0 && field[0] == (byte)'-';
        var magnitude = field.Length > 0 && field[0] is (byte)'-' or (byte)'+' ? field[1..] : field;
        if (Ascii.EqualsIgnoreCase(magnitude, "inf"u8) || Ascii.EqualsIgnoreCase(magnitude, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        value = double.NaN;
        return Ascii.EqualsIgnoreCase(magnitude, "nan"u8);
    }

    private readonly ClickHouseException Malformed(string problem) =>
        _line.StartsWith("Code: "u8)
            ? new($"ClickHouse failed while sending the result: {Describe(_line)}")
            : new($"Unexpected row from ClickHouse (it {problem}): {Describe(_line)}");
}
