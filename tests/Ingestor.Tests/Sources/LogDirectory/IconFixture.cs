using System.Globalization;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>The fixture's loss logs and summaries, read here independently of the source's parsers.</summary>
internal static class IconFixture
{
    public const string RunId = "icon-output@2022-01-01T06:00:00";

    public static readonly string[] Timesteps =
        ["2022-01-01 06:00:00", "2022-01-01 06:30:00", "2022-01-01 07:00:00", "2022-01-01 07:30:00", "2022-01-01 08:00:00"];

    public static double[] Losses(string directory, string timestep) =>
        [.. File.ReadAllLines(Path.Combine(directory, $"log_{timestep}.txt")).Where(l => l.Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];

    public static Dictionary<string, string> Summary(string directory, string timestep) =>
        File.ReadAllLines(Path.Combine(directory, $"summary_{timestep}.txt"))
            .Where(l => l.Contains(':'))
            .ToDictionary(l => l[..l.IndexOf(':')], l => l[(l.IndexOf(':') + 1)..].Trim());

    public static long MtimeMs(string path) => new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeMilliseconds();
}
