using System.Globalization;
using System.Text.RegularExpressions;

namespace Configuration.Tests.Documented;

/// <summary>
/// A range as the document writes it in a unit cell: <c>duration (10 ms–1 h)</c>, <c>bytes (64 KiB–16 GiB)</c>,
/// <c>count (0–1000)</c>. Durations take <c>ms s min h d</c>, sizes <c>KiB MiB GiB</c>; other words are units.
/// </summary>
public static partial class DocumentedRange
{
    public static (string Least, string Greatest)? Find(string unitCell) =>
        Range().Match(unitCell) is { Success: true } match ? (match.Groups[1].Value.Trim(), match.Groups[2].Value.Trim()) : null;

    public static TimeSpan Duration(string text)
    {
        var (number, unit) = Split(text);
        return unit switch
        {
            "" when number == 0 => TimeSpan.Zero,
            "ms" => TimeSpan.FromMilliseconds((double)number),
            "s" => TimeSpan.FromSeconds((double)number),
            "min" => TimeSpan.FromMinutes((double)number),
            "h" => TimeSpan.FromHours((double)number),
            "d" => TimeSpan.FromDays((double)number),
            _ => throw new FormatException($"'{text}' is not a duration (ms, s, min, h or d)."),
        };
    }

    public static decimal Number(string text)
    {
        var (number, unit) = Split(text);
        return unit switch
        {
            "KiB" => number * 1024,
            "MiB" => number * 1024 * 1024,
            "GiB" => number * 1024 * 1024 * 1024,
            _ => number,
        };
    }

    private static (decimal Number, string Unit) Split(string text)
    {
        var match = Quantity().Match(text);
        return match.Success
            ? (decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value)
            : throw new FormatException($"'{text}' is not a number with an optional unit.");
    }

    [GeneratedRegex(@"\(([^()–]+)–([^(),]+)[,)]")]
    private static partial Regex Range();

    [GeneratedRegex(@"^(-?[0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)")]
    private static partial Regex Quantity();
}
