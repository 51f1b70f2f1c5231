using System.Globalization;

namespace EndToEnd.Tests.Browser;

/// <summary>
/// How the dashboard writes a number (Frontend/app/src/format/format.ts, <c>formatValue</c>), so a test can say
/// which text a value it computed must show as.
/// </summary>
public static class DisplayedValue
{
    public static string Of(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "−Inf";
        }
        var abs = Math.Abs(value);
        if (abs == 0)
        {
            return "0";
        }
        if (abs >= 1e6 || abs < 1e-4)
        {
            return value.ToString("0.000e0", CultureInfo.InvariantCulture);
        }
        if (abs >= 1000)
        {
            return value.ToString("#,##0.#", CultureInfo.InvariantCulture);
        }
        return TrimZeros(abs >= 1
            ? value.ToString("F4", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture));
    }

    /// <summary>A percentage with its sign and one decimal, as <c>formatPercent</c> writes it ("+12.3 %").</summary>
    public static string Percent(double value) =>
        $"{(value > 0 ? "+" : "")}{value.ToString("F1", CultureInfo.InvariantCulture)} %";

    private static string TrimZeros(string text) => text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
}
