using System.Globalization;
using System.Text;
using Ingestor.Sources.LogDirectory;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class DirectoryScannerRunTests
{
    [Fact]
    public void Scanner_StartsANewRun_WhenThePluginRecreatesTheDirectory_AndTheOldRunKeepsItsHistory()
    {
        using var harness = new ScannerHarness();
        WriteLog(harness, "2022-01-01 06:00:00", 0.9, 0.8);
        WriteLog(harness, "2022-01-01 06:30:00", 0.7, 0.6);
        harness.Scan();

        Directory.Delete(harness.Root, recursive: true);
        Directory.CreateDirectory(harness.Root);
        WriteLog(harness, "2022-03-01 00:00:00", 2.0);
        harness.Scan();

        Assert.Equal([0.9, 0.8, 0.7, 0.6], harness.Points("icon-output@2022-01-01T06:00:00", LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));
        var fresh = harness.Points("icon-output@2022-03-01T00:00:00", LogDirectoryMetricNames.BatchLoss);
        Assert.Equal([(0L, 2.0)], fresh.Select(p => (p.Step, p.Value)));
        Assert.Equal("icon-output@2022-03-01T00:00:00", harness.Scanner.Current.DirectoryRunId);
    }

    [Fact]
    public void Scanner_NamesARerunOfTheSameSimulationApart_WhenTheDirectoryIsRecreated()
    {
        using var harness = new ScannerHarness();
        WriteLog(harness, "2022-01-01 06:00:00", 0.9, 0.8);
        harness.Scan();

        Directory.Delete(harness.Root, recursive: true);
        harness.Scan();
        Directory.CreateDirectory(harness.Root);
        WriteLog(harness, "2022-01-01 06:00:00", 0.5);
        harness.Scan();

        Assert.Equal([0.9, 0.8], harness.Points("icon-output@2022-01-01T06:00:00", LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));
        Assert.Equal([0.5], harness.Points("icon-output@2022-01-01T06:00:00~2", LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));
    }

    [Fact]
    public void Scanner_GivesTheSameRunIdsAndPoints_AfterARestart()
    {
        using var harness = new ScannerHarness();
        harness.CopyIconFixture();
        harness.CopyExperimentFixture("experiment_2022-01-01 06:00:00");
        harness.CopyExperimentFixture("tf2_style");
        var first = harness.Scan();

        harness.Restart();
        var second = harness.Scan();

        Assert.Equal(first.Select(s => s.Key.RunId).Distinct().Order(), second.Select(s => s.Key.RunId).Distinct().Order());
        Assert.Equal(first.OrderBy(s => s.Key.SeriesId).ThenBy(s => s.Sample.Step), second.OrderBy(s => s.Key.SeriesId).ThenBy(s => s.Sample.Step));
        Assert.Contains(IconFixture.RunId, first.Select(s => s.Key.RunId));
    }

    [Fact]
    public void Scanner_ReadsTenThousandLogFiles_InBoundedPasses()
    {
        using var harness = new ScannerHarness();
        const int timesteps = 10_000;
        const int batches = 5;
        var start = new DateTime(2022, 1, 1, 0, 0, 0);
        for (var t = 0; t < timesteps; t++)
        {
            var stamp = start.AddMinutes(30 * t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var text = new StringBuilder();
            for (var b = 0; b < batches; b++)
            {
                text.Append(((t * batches) + b).ToString(CultureInfo.InvariantCulture)).Append(".5\n");
            }
            File.WriteAllText(Path.Combine(harness.Root, $"log_{stamp}.txt"), text.ToString());
        }

        var samples = harness.Scan(budget: 20_000);

        var losses = harness.Points("icon-output@2022-01-01T00:00:00", LogDirectoryMetricNames.BatchLoss);
        Assert.Equal(timesteps * batches, losses.Count);
        Assert.Equal(Enumerable.Range(0, timesteps * batches).Select(i => (long)i), losses.Select(p => p.Step));
        Assert.Equal(losses.Select(p => p.Step + 0.5), losses.Select(p => p.Value));
        // Every timestep but the newest (no summary, no later log yet) is complete.
        Assert.Equal(timesteps - 1, harness.Points("icon-output@2022-01-01T00:00:00", LogDirectoryMetricNames.MeanPerTimestep).Count);
        Assert.Equal(timesteps, harness.Scanner.Current.Losses.Count);
        Assert.Equal(losses.Count + timesteps - 1, samples.Count(s => s.Key.Metric is LogDirectoryMetricNames.BatchLoss or LogDirectoryMetricNames.MeanPerTimestep));
    }

    private static void WriteLog(ScannerHarness harness, string timestep, params double[] losses) =>
        File.WriteAllText(Path.Combine(harness.Root, $"log_{timestep}.txt"),
            string.Concat(losses.Select(l => l.ToString("R", CultureInfo.InvariantCulture) + "\n")));
}
