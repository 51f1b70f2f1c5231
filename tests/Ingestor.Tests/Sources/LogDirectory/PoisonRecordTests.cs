using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Microsoft.Extensions.DependencyInjection;
using TensorBoard;
using TestSupport;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>
/// A TensorBoard event that cannot be represented (a wall time in milliseconds, Inf or NaN; a step beyond what the
/// wire carries exactly) beside a healthy directory: counted and skipped, never contagious.
/// </summary>
public sealed class PoisonRecordTests
{
    [Theory]
    [InlineData(1.7e12, 5)]
    [InlineData(double.PositiveInfinity, 5)]
    [InlineData(double.NaN, 5)]
    [InlineData(1.7e9, long.MaxValue)]
    public async Task PoisonEvent_IsCountedPerDirectoryAndSkipped_AndEveryOtherRunKeepsUpdating(double wallTime, long step)
    {
        using var temp = new TempDirectory("poison");
        var healthy = temp.Combine("icon-healthy");
        var poisoned = temp.Combine("icon-poisoned");
        Directory.CreateDirectory(healthy);
        WriteTimestep(healthy, "2022-01-01 06:00:00", "0.5\n0.25\n");
        var events = Path.Combine(poisoned, "runs", "experiment_2022-01-01 06:00:00", "events.out.tfevents.1700000000.host.1.0");
        Directory.CreateDirectory(Path.GetDirectoryName(events)!);
        using (var file = File.Create(events))
        {
            var writer = new TensorBoardEventWriter(file);
            writer.WriteFileVersion(1_700_000_000);
            writer.WriteScalar("Learning_rate", 1, 0.001f, 1_700_000_001);
            writer.WriteScalar("Learning_rate", step, 0.002f, wallTime);
            writer.WriteScalar("Learning_rate", 3, 0.003f, 1_700_000_003);
            writer.Flush();
        }
        var sink = new RecordingSink();
        var health = new LogDirectoryHealthState();
        await using var source = RunningLogDirectorySource.Start(
            new LogDirectorySourceOptions { Directories = [healthy, poisoned], RescanInterval = TimeSpan.FromMilliseconds(200) }, sink, health);

        const string healthyRun = "icon-healthy@2022-01-01T06:00:00";
        const string poisonedRun = "icon-poisoned@2022-01-01T06:00:00";
        await Eventually.HoldsAsync(() => sink.Runs.ContainsKey(healthyRun) && sink.Runs.ContainsKey(poisonedRun), "both runs");
        WriteTimestep(healthy, "2022-01-01 06:30:00", "0.125\n");
        await Eventually.HoldsAsync(() => sink.Samples(healthyRun, LogDirectoryMetricNames.BatchLoss).Count() == 3 && sink.Runs[healthyRun].LatestStep == 2, "the healthy run's three losses");

        Assert.Equal([1L, 3L], sink.Samples(poisonedRun, "Learning_rate").Select(s => s.Step));
        var state = health.Snapshot(runs: 2).Directories.Single(d => d.Path == "icon-poisoned");
        var reason = double.IsFinite(wallTime) && wallTime < 1e11 ? "step_out_of_range" : "wall_time_out_of_range";
        Assert.Equal(1, state.Skipped[reason]);
        Assert.Empty(health.Snapshot(runs: 2).Directories.Single(d => d.Path == "icon-healthy").Skipped);
    }

    private static void WriteTimestep(string directory, string timestamp, string losses)
    {
        File.WriteAllText(Path.Combine(directory, $"log_{timestamp}.txt"), losses);
    }
}
