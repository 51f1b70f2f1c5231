namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>
/// Real event files (PyTorch's SummaryWriter and TensorBoard's own writer) placed where Lightning and Keras put theirs:
/// every run and tag reads exactly as TensorBoard's EventAccumulator read the files (expected.json).
/// </summary>
public sealed class TensorBoardFixtureLayoutTests
{
    private const string PyTorch = "experiment_2022-01-01 06:00:00";
    private const string Tf2 = "tf2_style";

    [Fact]
    public void Scanner_ReadsRealEventFilesInLightningAndKerasLayouts_AsTensorBoardDid()
    {
        using var harness = new ScannerHarness("logs");
        ScannerHarness.CopyDirectory(ScannerHarness.TestData("tensorboard", "runs", PyTorch), Path.Combine(harness.Root, "lightning_logs", "version_0"));
        ScannerHarness.CopyDirectory(ScannerHarness.TestData("tensorboard", "runs", Tf2), Path.Combine(harness.Root, "fit", "20240101-120000", "train"));

        harness.Scan();

        Assert.Equal(["logs@fit/20240101-120000/train", "logs@lightning_logs/version_0"], harness.RunIds());
        AssertAsTensorBoardRead(harness, "logs@lightning_logs/version_0", PyTorch,
            ["Loss/batch", "Timestep/current", "Loss/mean_per_timestep", "Loss/std_per_timestep", "Loss/min_per_timestep", "Loss/max_per_timestep", "Learning_rate"]);
        AssertAsTensorBoardRead(harness, "logs@fit/20240101-120000/train", Tf2, ["train/loss"]);
        var histogramSeries = ExpectedEvents.Histograms(PyTorch).SelectMany(h => new[] { "/min", "/max", "/mean", "/std", "/count" }.Select(s => h + s));
        Assert.Equal(
            histogramSeries.Concat(["Loss/batch", "Timestep/current", "Loss/mean_per_timestep", "Loss/std_per_timestep", "Loss/min_per_timestep", "Loss/max_per_timestep", "Learning_rate"]).Order(StringComparer.Ordinal),
            harness.Run("logs@lightning_logs/version_0").Series.Keys.Order(StringComparer.Ordinal));
    }

    private static void AssertAsTensorBoardRead(ScannerHarness harness, string runId, string fixtureRun, string[] tags)
    {
        foreach (var tag in tags)
        {
            var expected = ExpectedEvents.Scalars(fixtureRun, tag);
            var points = harness.Points(runId, tag);
            Assert.Equal(expected.Select(e => e.Step), points.Select(p => p.Step));
            // Exact: the float32 widened to double (NaN and infinities included), the wall time floored to milliseconds.
            Assert.Equal(expected.Select(e => e.Value), points.Select(p => p.Value));
            Assert.Equal(expected.Select(e => (long)Math.Floor(e.WallTime * 1000)), points.Select(p => p.TimeMs));
        }
    }
}
