using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Contracts.Analytics;

/// <summary>
/// ICON simulation timesteps (model time, no zone). The plugin puts pandas Timestamp strings in file names
/// (<c>2022-01-01 06:30:00</c>, with <c>.500000</c> when there are fractional seconds); the API writes them
/// <c>2022-01-01T06:30:00</c> and accepts either spelling. The written form sorts as the time does.
/// </summary>
public static class TimestepFormat
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd",
    ];

    public static string Format(DateTime timestep) => timestep.Ticks % TimeSpan.TicksPerSecond == 0
        ? timestep.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
        : timestep.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a timestep. A zone suffix (<c>Z</c>, <c>+00:00</c>) is accepted and dropped, because model time
    /// has no zone; digits past the 7th of a fraction (pandas prints nanoseconds) are dropped too.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out DateTime? timestep)
    {
        timestep = null;
        text = text.Trim();
        if (text.Length < 10 || text.Length > 40)
        {
            return false;
        }
        if (text[^1] is 'Z' or 'z')
        {
            text = text[..^1];
        }
        else if (text.Length > 19 && text[^6] is '+' or '-' && text[^3] == ':')
        {
            text = text[..^6];
        }

        Span<char> buffer = stackalloc char[text.Length];
        text.CopyTo(buffer);
        var dot = text.IndexOf('.');
        if (dot >= 0 && text.Length - dot - 1 > 7)
        {
            buffer = buffer[..(dot + 8)];
        }

        if (DateTime.TryParseExact(buffer, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            timestep = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
            return true;
        }
        return false;
    }
}
