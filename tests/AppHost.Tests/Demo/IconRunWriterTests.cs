using System.Globalization;
using AppHost.Demo;

namespace AppHost.Tests.Demo;

public sealed class IconRunWriterTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"icon-writer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WriteTimestep_WritesLogAndSummary_InThePluginsFormat()
    {
        var writer = new IconRunWriter(directory, new DateTime(2022, 1, 1, 6, 0, 0), TimeSpan.FromMinutes(30), batchesPerTimestep: 8,
            new LossCurve(seed: 1, initial: 1.0, floor: 0.1, decaySteps: 100, noise: 0.05));
        writer.StartSimulation();
        var writtenAt = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

        writer.WriteTimestep(1, writtenAt);

        var log = File.ReadAllText(Path.Combine(directory, "log_2022-01-01 06:30:00.txt"));
        Assert.EndsWith("\n", log, StringComparison.Ordinal);
        var losses = log.TrimEnd('\n').Split('\n').Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(8, losses.Length);
        var summary = File.ReadAllLines(Path.Combine(directory, "summary_2022-01-01 06:30:00.txt"))
            .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("2022-01-01 06:30:00", summary["Timestep"]);
        Assert.Equal("16", summary["Global Step"]);
        Assert.Equal("8", summary["Number of Batches"]);
        var mean = losses.Average();
        Assert.Equal(mean.ToString("F6", CultureInfo.InvariantCulture), summary["Mean Loss"]);
        var populationStd = Math.Sqrt(losses.Sum(l => (l - mean) * (l - mean)) / losses.Length);
        Assert.Equal(populationStd.ToString("F6", CultureInfo.InvariantCulture), summary["Std Loss"]);
        Assert.Equal(losses.Min().ToString("F6", CultureInfo.InvariantCulture), summary["Min Loss"]);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(Path.Combine(directory, "net_2022-01-01 06:00:00.pth")));
    }

    [Fact]
    public void StartSimulation_DeletesThePreviousSimulation_AsIconDoes()
    {
        var writer = new IconRunWriter(directory, new DateTime(2022, 1, 1, 6, 0, 0), TimeSpan.FromMinutes(30), 4,
            new LossCurve(2, 1.0, 0.1, 100, 0.05));
        writer.StartSimulation();
        writer.WriteTimestep(0, DateTime.UtcNow);
        writer.WriteTimestep(1, DateTime.UtcNow);

        writer.StartSimulation();

        Assert.Empty(Directory.GetFiles(directory));
    }

    [Theory]
    [InlineData(0.7653563780055977, "0.7653563780055977")]
    [InlineData(2.0, "2.0")]
    [InlineData(0.1, "0.1")]
    public void FormatLoss_MatchesPythonFloatRepr(double value, string expected)
    {
        Assert.Equal(expected, IconTimestamp.FormatLoss(value));
    }
}
