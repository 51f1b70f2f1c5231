using System.Diagnostics;
using System.Net.Sockets;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using TensorBoard;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>Only regular files inside the configured directory are read; everything else is skipped and reported.</summary>
public sealed class FileTypeTests
{
    private const string RunId = "icon-output@2022-01-01T06:00:00";

    [Fact]
    public async Task Scan_SkipsFifoSocketAndLinksLeadingOutside_AndReadsEverythingElse()
    {
        using var harness = new ScannerHarness();
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt"), "0.5\n");
        // A FIFO would block the scan on open until something writes to it; a socket cannot be read at all.
        Run("mkfifo", Path.Combine(harness.Root, "log_2022-01-01 06:30:00.txt"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(harness.Root, "log_2022-01-01 07:00:00.txt")));
        File.CreateSymbolicLink(Path.Combine(harness.Root, "log_2022-01-01 07:30:00.txt"), "/dev/zero");
        // A link inside the directory is read as its target.
        File.WriteAllText(Path.Combine(harness.Root, "losses-of-08.txt"), "0.125\n");
        File.CreateSymbolicLink(Path.Combine(harness.Root, "log_2022-01-01 08:00:00.txt"), "losses-of-08.txt");
        // An experiment directory that leads outside is not read, whatever it holds.
        var outside = harness.Outside("elsewhere");
        WriteEvents(Path.Combine(outside, "events.out.tfevents.1.host.1.0"));
        Directory.CreateDirectory(Path.Combine(harness.Root, "runs"));
        Directory.CreateSymbolicLink(Path.Combine(harness.Root, "runs", "experiment_2022-01-01 06:00:00"), outside);

        var samples = await Task.Run(() => harness.Scan()).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        harness.Scan();

        Assert.Equal([(0L, 0.5), (1L, 0.125)], samples.Where(s => s.Key.RunId == RunId && s.Key.Metric == LogDirectoryMetricNames.BatchLoss)
            .Select(s => (s.Sample.Step, s.Sample.Value)));
        Assert.DoesNotContain(samples, s => s.Key.Metric == "Learning_rate");
        var skipped = harness.Health.Snapshot(runs: 1).Directories.Single().Skipped;
        Assert.Equal(2, skipped[SkipReasons.NotARegularFile]);
        Assert.Equal(2, skipped[SkipReasons.LinkOutsideDirectory]);
    }

    [Fact]
    public void Scan_FollowsNoLink_WhenTurnedOff()
    {
        using var harness = new ScannerHarness(followLinks: false);
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt"), "0.5\n");
        File.WriteAllText(Path.Combine(harness.Root, "losses.txt"), "0.125\n");
        File.CreateSymbolicLink(Path.Combine(harness.Root, "log_2022-01-01 06:30:00.txt"), "losses.txt");

        var samples = harness.Scan();

        Assert.Equal([0.5], samples.Where(s => s.Key.Metric == LogDirectoryMetricNames.BatchLoss).Select(s => s.Sample.Value));
        Assert.Equal(1, harness.Health.Snapshot(runs: 1).Directories.Single().Skipped[SkipReasons.SymbolicLink]);
    }

    private static void WriteEvents(string path)
    {
        using var file = File.Create(path);
        var writer = new TensorBoardEventWriter(file);
        writer.WriteFileVersion(1_700_000_000);
        writer.WriteScalar("Learning_rate", 1, 0.001f, 1_700_000_001);
        writer.Flush();
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
