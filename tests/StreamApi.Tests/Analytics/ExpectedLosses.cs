using System.Globalization;

namespace StreamApi.Tests.Analytics;

/// <summary>The batch losses of a plugin directory, read by the test itself: every line a batch and a global step.</summary>
internal sealed record ExpectedLosses(List<ExpectedTimestep> Timesteps)
{
    public List<(long Step, double Value)> All => [.. Timesteps.SelectMany(t => t.Steps.Zip(t.All))];

    public List<(long Step, double Value)> Finite => [.. All.Where(p => double.IsFinite(p.Value))];

    public static ExpectedLosses Read(string directory)
    {
        var timesteps = new List<ExpectedTimestep>();
        long step = 0;
        foreach (var file in Directory.GetFiles(directory, "log_*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file)["log_".Length..];
            var values = new List<double>();
            var steps = new List<long>();
            foreach (var line in File.ReadAllLines(file).Where(l => l.Trim().Length > 0))
            {
                double? value = line.Trim() switch
                {
                    "nan" => double.NaN,
                    "inf" => double.PositiveInfinity,
                    "-inf" => double.NegativeInfinity,
                    var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
                };
                if (value is { } v2)
                {
                    values.Add(v2);
                    steps.Add(step);
                }
                step++;
            }
            timesteps.Add(new ExpectedTimestep(name, values, steps));
        }
        return new ExpectedLosses(timesteps);
    }
}

internal sealed record ExpectedTimestep(string Name, List<double> All, List<long> Steps)
{
    public List<double> Finite => [.. All.Where(double.IsFinite)];
}
