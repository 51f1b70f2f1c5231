using System.Globalization;
using System.Text;

namespace Ingestor.Sources.LogDirectory.Files;

/// <summary>One line of a loss log: a Python float repr (<c>0.7653563780055977</c>, <c>1e-05</c>, <c>nan</c>, <c>inf</c>, <c>-inf</c>).</summary>
public static class LossLine
{
    /// <summary>Parses a line without its newline; false for text that is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out double value)
    {
        line = line.Trim(" \t\r"u8);
        if (double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        if (line.Length > 12)
        {
            return false;
        }

        Span<char> chars = stackalloc char[12];
        var length = Encoding.ASCII.GetChars(line, chars);
        var text = chars[..length];
        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+'))
        {
            text = text[1..];
        }
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }
}
