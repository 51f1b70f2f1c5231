using Contracts.Series;
using Ingestor.Sources.LogDirectory;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class LogDirectorySourceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Source_DeliversANewTimestepAndItsRun_ToTheSink_EvenIfTheDirectoryAppearsLater(bool watchFileSystem)
    {
        using var temp = new TempDirectory("logdir-source");
        var root = temp.Combine("icon-output");
        var sink = new RecordingSink(failFirstWrites: 1);
        await using var source = RunningLogDirectorySource.Start(new LogDirectorySourceOptions
        {
            Directories = [root],
            RescanInterval = TimeSpan.FromMilliseconds(200),
            WatchFileSystem = watchFileSystem,
        }, sink);

        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:00:00.txt"), "0.5\n0.25\n");
        File.WriteAllText(Path.Combine(root, "summary_2022-01-01 06:00:00.txt"), "Global Step: 2\nNumber of Batches: 2\n");

        const string runId = "icon-output@2022-01-01T06:00:00";
        await Eventually.HoldsAsync(() => sink.Samples(runId, LogDirectoryMetricNames.MeanPerTimestep).Any() && sink.Runs.ContainsKey(runId), "the run and its first timestep mean");
        Assert.Equal([0.5, 0.25], sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Select(s => s.Value));
        Assert.Equal(0.375, sink.Samples(runId, LogDirectoryMetricNames.MeanPerTimestep).Single().Value);
        var run = sink.Runs[runId];
        Assert.Equal(RunSource.LogDirectory, run.Source);
        Assert.True(run.IsActive);
        Assert.Equal(2, run.LatestStep);

        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:30:00.txt"), "0.125\n");
        await Eventually.HoldsAsync(() => sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Count() == 3, "three batch losses");
        Assert.Equal(2, sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Last().Step);
    }

    [Fact]
    public async Task Source_ReadsAFinishedTimestepRewrittenInPlace_AtItsFileSystemEvent_WithoutAFullListingDue()
    {
        using var temp = new TempDirectory("logdir-source-event");
        var root = Directory.CreateDirectory(temp.Combine("icon-output")).FullName;
        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:00:00.txt"), "0.5\n0.25\n");
        File.WriteAllText(Path.Combine(root, "summary_2022-01-01 06:00:00.txt"), "Global Step: 2\nNumber of Batches: 2\n");
        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:30:00.txt"), "0.125\n");
        // An old directory time lets every rescan reuse the listing: only an event can show the rewrite below.
        Directory.SetLastWriteTimeUtc(root, DateTime.UtcNow.AddMinutes(-5));
        var sink = new RecordingSink();
        await using var source = RunningLogDirectorySource.Start(new LogDirectorySourceOptions
        {
            Directories = [root],
            RescanInterval = TimeSpan.FromMilliseconds(100),
            FullListingInterval = TimeSpan.FromHours(1),
            WatchFileSystem = true,
        }, sink);
        const string runId = "icon-output@2022-01-01T06:00:00";
        await Eventually.HoldsAsync(() => sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Count() == 3, "three batch losses");

        // The finished timestep's log, rewritten in place with as many bytes: no directory changes.
        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:00:00.txt"), "0.75\n0.5\n");

        await Eventually.HoldsAsync(() => sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Any(s => s.Step == 0 && s.Value == 0.75), "the rewritten loss of step 0");
    }
}
