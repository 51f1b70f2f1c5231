using System.Globalization;

namespace DemoGenerator.Icon;

/// <summary>ICON simulation time as the plugin spells it in file names and summaries (a pandas Timestamp: <c>2022-01-01 06:30:00</c>).</summary>
public static class IconTimestamp
{
    public static string Format(DateTime timestep) => timestep.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Python's float repr for the magnitudes a loss has: shortest round-trip, always with a decimal point.</summary>
    public static string FormatLoss(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
