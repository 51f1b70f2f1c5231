using System.Globalization;
using Ingestor.Sources.LogDirectory;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class DirectoryScannerFixtureTests
{
    [Fact]
    public void Scanner_ReadsEveryBatchLoss_ExactlyWithGlobalStepsAndFileTimes()
    {
        using var harness = new ScannerHarness();
        harness.CopyIconFixture();

        harness.Scan();

        var points = harness.Points(IconFixture.RunId, LogDirectoryMetricNames.BatchLoss);
        var expected = IconFixture.Timesteps.SelectMany(t => IconFixture.Losses(harness.Root, t).Select(v => (Value: v, Time: IconFixture.MtimeMs(Path.Combine(harness.Root, $"log_{t}.txt"))))).ToList();
        Assert.Equal(expected.Count, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(i, points[i].Step);
            Assert.Equal(expected[i].Value, points[i].Value);
            Assert.Equal(expected[i].Time, points[i].TimeMs);
        }
    }

    [Fact]
    public void Scanner_EmitsPerTimestepStatistics_AgreeingWithThePluginsSummaries()
    {
        using var harness = new ScannerHarness();
        harness.CopyIconFixture();

        harness.Scan();

        var means = harness.Points(IconFixture.RunId, LogDirectoryMetricNames.MeanPerTimestep);
        var stds = harness.Points(IconFixture.RunId, LogDirectoryMetricNames.StdPerTimestep);
        var mins = harness.Points(IconFixture.RunId, LogDirectoryMetricNames.MinPerTimestep);
        var maxs = harness.Points(IconFixture.RunId, LogDirectoryMetricNames.MaxPerTimestep);
        Assert.Equal(IconFixture.Timesteps.Length, means.Count);
        for (var i = 0; i < IconFixture.Timesteps.Length; i++)
        {
            var losses = IconFixture.Losses(harness.Root, IconFixture.Timesteps[i]);
            var summary = IconFixture.Summary(harness.Root, IconFixture.Timesteps[i]);
            var mean = losses.Sum() / losses.Length;
            Assert.Equal(long.Parse(summary["Global Step"], CultureInfo.InvariantCulture), means[i].Step);
            Assert.Equal(mean, means[i].Value, 1e-15);
            Assert.Equal(Math.Sqrt(losses.Sum(v => (v - mean) * (v - mean)) / losses.Length), stds[i].Value, 1e-15);
            Assert.Equal(losses.Min(), mins[i].Value);
            Assert.Equal(losses.Max(), maxs[i].Value);
            // The plugin's own summary, rounded to 6 decimals, agrees.
            Assert.Equal(double.Parse(summary["Mean Loss"], CultureInfo.InvariantCulture), means[i].Value, 6e-7);
            Assert.Equal(double.Parse(summary["Std Loss"], CultureInfo.InvariantCulture), stds[i].Value, 6e-7);
        }
    }

    [Fact]
    public void Scanner_ReadsPyTorchEventFile_AsEventAccumulatorDid_AndTakesLossesFromTheLogs()
    {
        using var harness = new ScannerHarness();
        harness.CopyIconFixture();
        harness.CopyExperimentFixture("experiment_2022-01-01 06:00:00");

        harness.Scan();

        const string experiment = "experiment_2022-01-01 06:00:00";
        foreach (var tag in new[] { "Learning_rate", "Timestep/current" })
        {
            var expected = ExpectedEvents.Scalars(experiment, tag);
            var points = harness.Points(IconFixture.RunId, tag);
            Assert.Equal(expected.Select(e => e.Step), points.Select(p => p.Step));
            Assert.Equal(expected.Select(e => e.Value), points.Select(p => p.Value));
            Assert.Equal(expected.Select(e => (long)Math.Floor(e.WallTime * 1000)), points.Select(p => p.TimeMs));
        }

        // The event file's float32 copy of the batch losses is left out: one Loss/batch series, from the logs.
        var batch = harness.Points(IconFixture.RunId, LogDirectoryMetricNames.BatchLoss);
        Assert.Equal(IconFixture.Losses(harness.Root, IconFixture.Timesteps[0])[0], batch[0].Value);
        Assert.Equal(40, batch.Count);

        foreach (var histogram in ExpectedEvents.Histograms(experiment))
        {
            foreach (var suffix in LogDirectoryMetricNames.HistogramSuffixes)
            {
                Assert.NotEmpty(harness.Points(IconFixture.RunId, histogram + suffix));
            }
            var mins = harness.Points(IconFixture.RunId, histogram + "/min");
            var maxs = harness.Points(IconFixture.RunId, histogram + "/max");
            Assert.All(mins.Zip(maxs), pair => Assert.True(pair.First.Value <= pair.Second.Value));
        }
    }

    [Fact]
    public void Scanner_ReadsTensorScalarsOfAForeignExperiment_AsARunOfTheirOwn()
    {
        using var harness = new ScannerHarness();
        harness.CopyIconFixture();
        harness.CopyExperimentFixture("tf2_style");

        harness.Scan();

        var expected = ExpectedEvents.Scalars("tf2_style", "train/loss");
        var points = harness.Points("icon-output@tf2_style", "train/loss");
        Assert.Equal(expected.Select(e => e.Step), points.Select(p => p.Step));
        Assert.Equal(expected.Select(e => e.Value), points.Select(p => p.Value));
    }

    [Fact]
    public void Scanner_KeepsNonFiniteTensorBoardValues_OfAnExperimentFromAnotherSimulation()
    {
        using var harness = new ScannerHarness();
        harness.CopyExperimentFixture("experiment_2022-01-01 06:00:00");
        File.WriteAllBytes(Path.Combine(harness.Root, "net_2022-02-01 00:00:00.pth"), [1, 2, 3]);

        harness.Scan();

        var expected = ExpectedEvents.Scalars("experiment_2022-01-01 06:00:00", "Loss/batch");
        var points = harness.Points("icon-output@2022-01-01T06:00:00", "Loss/batch");
        Assert.Equal(expected.Select(e => e.Step), points.Select(p => p.Step));
        Assert.Equal(expected.Select(e => e.Value), points.Select(p => p.Value));
        Assert.True(double.IsNaN(points[13].Value));
        Assert.True(double.IsPositiveInfinity(points[22].Value));
        Assert.Single(harness.Points("icon-output@2022-02-01T00:00:00", LogDirectoryMetricNames.CheckpointSave));
    }

    [Fact]
    public void Scanner_TakesLossTagsFromTheEventFile_WhenTheDirectoryHasNoLossLogs()
    {
        using var harness = new ScannerHarness();
        harness.CopyExperimentFixture("experiment_2022-01-01 06:00:00");

        harness.Scan();

        var expected = ExpectedEvents.Scalars("experiment_2022-01-01 06:00:00", "Loss/mean_per_timestep");
        Assert.Equal(expected.Select(e => e.Value), harness.Points(IconFixture.RunId, "Loss/mean_per_timestep").Select(p => p.Value));
        Assert.Equal(40, harness.Points(IconFixture.RunId, "Loss/batch").Count);
    }
}
