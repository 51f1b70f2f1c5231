using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Store;
using TensorBoard;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>
/// Files replaced or rewritten in place are read again onto the same steps: no point twice, none lost. Each test
/// keeps another file of the directory unchanged beside the rewritten one; had every file changed, the directory
/// itself would count as recreated (a new run).
/// </summary>
public sealed class RewrittenFileTests
{
    private const string RunId = "icon-output@2022-01-01T06:00:00";
    private const string Log = "log_2022-01-01 06:00:00.txt";

    [Fact]
    public void LossLog_RewrittenInPlace_ReplacesItsBatches_AndTheStatistics_WithoutDuplicates()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, Log);
        Write(log, "0.5\n0.25\n0.125\n", minute: 0);
        WriteLaterTimestep(harness);
        harness.Scan();

        Write(log, "0.75\n0.5\n0.25\n", minute: 1);
        var sent = harness.Scan();

        var points = harness.Points(RunId, LogDirectoryMetricNames.BatchLoss);
        double[] expected = [0.75, 0.5, 0.25, 0.0625];
        Assert.Equal([0L, 1, 2, 3], points.Select(p => p.Step));
        Assert.Equal(expected, points.Select(p => p.Value));
        // The sink gets the series whole, once, so its decimation holds each batch once.
        Assert.Equal(expected, sent.Where(s => s.Key.Metric == LogDirectoryMetricNames.BatchLoss).Select(s => s.Sample.Value));
        var statistics = harness.Run(RunId).Loss!.BuildStatistics();
        Assert.Equal(4, statistics.Count);
        Assert.Equal(expected.Average(), statistics.Mean!.Value, 12);
        var sorted = new SortedDoubles();
        sorted.Add(expected.Order().ToArray());
        Assert.Equal(sorted.Percentile(25), statistics.Percentiles!.P25);
        Assert.Equal(sorted.Percentile(99), statistics.Percentiles.P99);
    }

    [Fact]
    public void LossLog_TruncatedAndWrittenAgain_LosesNothingAlreadyRead()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, Log);
        Write(log, "0.5\n0.4\n0.3\n0.2\n", minute: 0);
        WriteLaterTimestep(harness);
        harness.Scan();

        Write(log, "0.6\n", minute: 1);
        harness.Scan();
        Write(log, "0.6\n0.45\n", minute: 2);
        harness.Scan();

        var points = harness.Points(RunId, LogDirectoryMetricNames.BatchLoss);
        Assert.Equal([0L, 1, 2, 3, 4], points.Select(p => p.Step));
        Assert.Equal([0.6, 0.45, 0.3, 0.2, 0.0625], points.Select(p => p.Value));
        Assert.Equal(5, harness.Run(RunId).Loss!.BuildStatistics().Count);
    }

    [Fact]
    public void LossLog_ReadAgainUnchanged_SendsNothingNew()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, Log);
        Write(log, "0.5\n0.25\n", minute: 0);
        WriteLaterTimestep(harness);
        harness.Scan();

        // Same bytes under a new file (a copy put in place): nothing about the series changes.
        File.Delete(log);
        Write(log, "0.5\n0.25\n", minute: 1);
        var sent = harness.Scan();

        Assert.DoesNotContain(sent, s => s.Key.Metric == LogDirectoryMetricNames.BatchLoss);
        Assert.Equal(3, harness.Points(RunId, LogDirectoryMetricNames.BatchLoss).Count);
    }

    [Fact]
    public void EventFile_RewrittenWithNewValues_ReplacesThePointsAtTheirSteps()
    {
        using var harness = new ScannerHarness();
        var path = EventFilePath(harness, "events.out.tfevents.1795391398.test.1.0");
        File.WriteAllBytes(path, Scalars(count: 10, value: 0.5f));
        File.WriteAllBytes(EventFilePath(harness, "events.out.tfevents.1795391399.test.2.0"), Scalars(count: 3, value: 1f, tag: "Other"));
        harness.Scan();

        File.WriteAllBytes(path, Scalars(count: 10, value: 0.25f));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        var sent = harness.Scan();

        var points = harness.Points(RunId, "Learning_rate");
        Assert.Equal(Enumerable.Range(0, 10).Select(s => (long)s), points.Select(p => p.Step));
        Assert.All(points, p => Assert.Equal(0.25, p.Value));
        Assert.Equal(10, sent.Count(s => s.Key.Metric == "Learning_rate"));
    }

    [Fact]
    public void EventFile_ReplacedByAShorterOne_KeepsThePointsReadBefore()
    {
        using var harness = new ScannerHarness();
        var path = EventFilePath(harness, "events.out.tfevents.1795391398.test.1.0");
        File.WriteAllBytes(path, Scalars(count: 10, value: 0.5f));
        File.WriteAllBytes(EventFilePath(harness, "events.out.tfevents.1795391399.test.2.0"), Scalars(count: 3, value: 1f, tag: "Other"));
        harness.Scan();

        File.WriteAllBytes(path, Scalars(count: 4, value: 0.25f));
        harness.Scan();

        var points = harness.Points(RunId, "Learning_rate");
        Assert.Equal(Enumerable.Range(0, 10).Select(s => (long)s), points.Select(p => p.Step));
        Assert.Equal([.. Enumerable.Repeat(0.25, 4), .. Enumerable.Repeat(0.5, 6)], points.Select(p => p.Value));
    }

    private static void Write(string path, string content, int minute)
    {
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, minute, 0, DateTimeKind.Utc));
    }

    private static void WriteLaterTimestep(ScannerHarness harness) =>
        Write(Path.Combine(harness.Root, "log_2022-01-01 06:30:00.txt"), "0.0625\n", minute: 0);

    private static string EventFilePath(ScannerHarness harness, string name)
    {
        var directory = Path.Combine(harness.Root, "runs", "experiment_2022-01-01 06:00:00");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    private static byte[] Scalars(int count, float value, string tag = "Learning_rate")
    {
        using var stream = new MemoryStream();
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteFileVersion(1_795_391_398);
        for (var step = 0; step < count; step++)
        {
            writer.WriteScalar(tag, step, value, 1_795_391_398 + step);
        }
        return stream.ToArray();
    }
}
