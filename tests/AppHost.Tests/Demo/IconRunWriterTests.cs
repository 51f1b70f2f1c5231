using System.Globalization;
using DemoGenerator;
using DemoGenerator.Icon;
using TensorBoard;

namespace AppHost.Tests.Demo;

public sealed class IconRunWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"icon-writer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void WriteTimestep_WritesLogAndSummary_InThePluginsFormat()
    {
        using var writer = NewWriter(batchesPerTimestep: 8);
        writer.StartSimulation();
        var writtenAt = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

        writer.WriteTimestep(1, writtenAt);

        var log = File.ReadAllText(Path.Combine(_directory, "log_2022-01-01 06:30:00.txt"));
        Assert.EndsWith("\n", log, StringComparison.Ordinal);
        var losses = log.TrimEnd('\n').Split('\n').Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(8, losses.Length);
        var summary = File.ReadAllLines(Path.Combine(_directory, "summary_2022-01-01 06:30:00.txt"))
            .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("2022-01-01 06:30:00", summary["Timestep"]);
        Assert.Equal("16", summary["Global Step"]);
        Assert.Equal("8", summary["Number of Batches"]);
        var mean = losses.Average();
        Assert.Equal(mean.ToString("F6", CultureInfo.InvariantCulture), summary["Mean Loss"]);
        var populationStd = Math.Sqrt(losses.Sum(l => (l - mean) * (l - mean)) / losses.Length);
        Assert.Equal(populationStd.ToString("F6", CultureInfo.InvariantCulture), summary["Std Loss"]);
        Assert.Equal(losses.Min().ToString("F6", CultureInfo.InvariantCulture), summary["Min Loss"]);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(Path.Combine(_directory, "net_2022-01-01 06:00:00.pth")));
    }

    [Fact]
    public void StartSimulation_DeletesThePreviousSimulation_AsIconDoes()
    {
        using var writer = WriterTwoTimestepsIn();

        writer.StartSimulation();

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void WriteTimestep_AppendsThePluginsTensorBoardEvents_ToTheExperimentOfTheSimulationStart()
    {
        using var writer = NewWriter(batchesPerTimestep: 8);
        writer.StartSimulation();
        var writtenAt = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

        writer.WriteTimestep(0, writtenAt);
        writer.WriteTimestep(1, writtenAt.AddSeconds(5));

        Assert.Equal(Path.Combine(_directory, "runs", "experiment_2022-01-01 06:00:00"), writer.ExperimentDirectory);
        var file = Path.GetFileName(Assert.Single(Directory.GetFiles(writer.ExperimentDirectory)));
        Assert.StartsWith("events.out.tfevents.", file, StringComparison.Ordinal);
        var events = ReadEvents(writer.ExperimentDirectory);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var values = events.SelectMany(e => e.Values.Select(v => (e.Step, e.WallTime, Value: v))).ToList();
        var logLosses = File.ReadAllLines(Path.Combine(_directory, "log_2022-01-01 06:30:00.txt"))
            .Select(l => (float)double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var batches = values.Where(v => v.Value.Tag == "Loss/batch").ToList();
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), batches.Select(b => b.Step));
        Assert.Equal(logLosses, batches.Skip(8).Select(b => (float)b.Value.Scalar));
        Assert.All(batches.Take(8), b => Assert.InRange(b.WallTime, Seconds(writtenAt.AddSeconds(-5)), Seconds(writtenAt)));
        var timestep = values.Where(v => v.Value.Tag == "Timestep/current").ToList();
        Assert.Equal(16, timestep.Count);
        Assert.Equal((float)1.6410186e18, (float)timestep[^1].Value.Scalar);
        foreach (var tag in (string[])["Loss/mean_per_timestep", "Loss/std_per_timestep", "Loss/min_per_timestep", "Loss/max_per_timestep", "Learning_rate"])
        {
            Assert.Equal([8L, 16L], values.Where(v => v.Value.Tag == tag).Select(v => v.Step));
        }
        Assert.Equal((float)logLosses.Average(l => (double)l), (float)values.Last(v => v.Value.Tag == "Loss/mean_per_timestep").Value.Scalar, 1e-6f);
        foreach (var tag in (string[])["Parameters/weight", "Parameters/bias", "Gradients/weight", "Gradients/bias"])
        {
            var histograms = values.Where(v => v.Value.Tag == tag).ToList();
            Assert.Equal([8L, 16L], histograms.Select(v => v.Step));
            Assert.All(histograms, h => Assert.Equal(TensorBoardValueKind.Histogram, h.Value.Kind));
            Assert.Equal(tag.EndsWith("weight", StringComparison.Ordinal) ? 900 : 30, histograms[0].Value.Histogram.Count);
        }
    }

    [Fact]
    public void StartSimulation_StartsANewEventFile_InTheRecreatedDirectory()
    {
        using var writer = WriterTwoTimestepsIn();

        writer.StartSimulation();
        writer.WriteTimestep(0, DateTime.UtcNow);

        var events = ReadEvents(writer.ExperimentDirectory);
        Assert.Equal([0L, 1, 2, 3], events.SelectMany(e => e.Values.Where(v => v.Tag == "Loss/batch").Select(_ => e.Step)));
    }

    private IconRunWriter NewWriter(int batchesPerTimestep) =>
        new(_directory, new DateTime(2022, 1, 1, 6, 0, 0), TimeSpan.FromMinutes(30), batchesPerTimestep,
            new LossCurve(seed: 1, initial: 1.0, floor: 0.1, decaySteps: 100, noise: 0.05), TimeSpan.FromSeconds(5));

    /// <summary>A simulation of 4 batches a timestep that has written its first two timesteps.</summary>
    private IconRunWriter WriterTwoTimestepsIn()
    {
        var writer = NewWriter(batchesPerTimestep: 4);
        writer.StartSimulation();
        writer.WriteTimestep(0, DateTime.UtcNow);
        writer.WriteTimestep(1, DateTime.UtcNow);
        return writer;
    }

    private static double Seconds(DateTime utc) => (utc - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>Every event of the experiment's one event file, read as the ingestor reads it.</summary>
    private static List<TensorBoardEvent> ReadEvents(string experimentDirectory)
    {
        using var stream = File.OpenRead(Assert.Single(Directory.GetFiles(experimentDirectory)));
        using var reader = new TfRecordReader(stream, 0);
        var parser = new TensorBoardEventParser();
        List<TensorBoardEvent> events = [];
        TfRecordReadStatus status;
        while ((status = reader.Read()) == TfRecordReadStatus.Record)
        {
            var e = new TensorBoardEvent();
            Assert.True(parser.TryParse(reader.Data.Span, e));
            events.Add(e);
        }
        Assert.Equal(TfRecordReadStatus.End, status);
        Assert.Equal(stream.Length, reader.CompleteOffset);
        return events;
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
