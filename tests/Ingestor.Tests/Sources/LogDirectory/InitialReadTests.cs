using System.Globalization;
using Ingestor.Sources.LogDirectory.Scanning;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class InitialReadTests
{
    private const int Timesteps = 40;
    private const int Batches = 50;

    [Fact]
    public void Health_ShowsHowFarTheInitialReadIs_PassByPass_ThenComplete()
    {
        using var harness = new ScannerHarness();
        for (var timestep = 0; timestep < Timesteps; timestep++)
        {
            WriteTimestep(harness.Root, timestep);
        }
        var totalBytes = Directory.EnumerateFiles(harness.Root).Sum(path => new FileInfo(path).Length);

        var progress = new List<Contracts.Analytics.InitialRead>();
        ScanOutput output;
        do
        {
            output = new ScanOutput(budget: 500);
            lock (harness.Store.Sync)
            {
                harness.Scanner.Scan(output);
            }
            progress.Add(Assert.Single(harness.Health.Snapshot(runs: 1).Directories).InitialRead!);
        }
        while (output.MoreWork);

        Assert.True(progress.Count > 2, $"{progress.Count} passes");
        Assert.All(progress[..^1], step => Assert.False(step.Complete));
        Assert.All(progress, step => Assert.Equal(2 * Timesteps, step.FilesListed));
        Assert.All(progress, step => Assert.Equal(totalBytes, step.BytesListed));
        var read = progress.Select(step => step.BytesRead).ToArray();
        Assert.Equal(read.Order(), read);
        Assert.True(read[0] > 0 && read[0] < totalBytes, $"first pass read {read[0]} of {totalBytes}");
        Assert.Equal(new Contracts.Analytics.InitialRead(true, 2 * Timesteps, 2 * Timesteps, totalBytes, totalBytes), progress[^1]);

        WriteTimestep(harness.Root, Timesteps);
        harness.Scan();
        Assert.Equal(progress[^1], Assert.Single(harness.Health.Snapshot(runs: 1).Directories).InitialRead);
    }

    private static void WriteTimestep(string root, int timestep)
    {
        var stamp = new DateTime(2022, 1, 1, 6, 0, 0).AddMinutes(30 * timestep).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var losses = Enumerable.Range(0, Batches).Select(batch => (1.0 / (1 + timestep + (batch * 0.01))).ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(root, $"log_{stamp}.txt"), string.Join('\n', losses) + "\n");
        File.WriteAllText(Path.Combine(root, $"summary_{stamp}.txt"), $"Global Step: {(timestep + 1) * Batches}\nNumber of Batches: {Batches}\n");
    }
}
