using Ingestor.Sources.LogDirectory;
using TensorBoard;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class DirectoryScannerIncrementalTests
{
    private const string RunId = "icon-output@2022-01-01T06:00:00";

    [Fact]
    public void Scanner_WaitsForTheLastLine_UntilItsNewlineIsWritten()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt");
        File.WriteAllText(log, "");
        harness.Scan();
        Assert.Empty(harness.Points(RunId, LogDirectoryMetricNames.BatchLoss));

        File.AppendAllText(log, "0.5\n0.25\n0.12");
        harness.Scan();
        Assert.Equal([0.5, 0.25], harness.Points(RunId, LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));

        File.AppendAllText(log, "5\n");
        harness.Scan();
        var points = harness.Points(RunId, LogDirectoryMetricNames.BatchLoss);
        Assert.Equal([0.5, 0.25, 0.125], points.Select(p => p.Value));
        Assert.Equal([0L, 1, 2], points.Select(p => p.Step));
    }

    [Fact]
    public void Scanner_TakesAnUnterminatedLastLine_OnceTheTimestepIsOver()
    {
        using var harness = new ScannerHarness();
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt"), "0.5\n0.75");
        harness.Scan();
        Assert.Single(harness.Points(RunId, LogDirectoryMetricNames.BatchLoss));

        File.WriteAllText(Path.Combine(harness.Root, "summary_2022-01-01 06:00:00.txt"), "Timestep: 2022-01-01 06:00:00\nGlobal Step: 2\nNumber of Batches: 2\n");
        harness.Scan();

        Assert.Equal([0.5, 0.75], harness.Points(RunId, LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));
        var mean = Assert.Single(harness.Points(RunId, LogDirectoryMetricNames.MeanPerTimestep));
        Assert.Equal((2L, 0.625), (mean.Step, mean.Value));
    }

    [Fact]
    public void Scanner_CountsMalformedLines_AndKeepsTheRestOfTheTimestep()
    {
        using var harness = new ScannerHarness();
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt"), "0.5\nnot a number\nnan\n-inf\n\n0.25\n");

        harness.Scan();

        var points = harness.Points(RunId, LogDirectoryMetricNames.BatchLoss);
        Assert.Equal([0L, 2, 3, 4], points.Select(p => p.Step));
        Assert.Equal(0.5, points[0].Value);
        Assert.True(double.IsNaN(points[1].Value));
        Assert.Equal(double.NegativeInfinity, points[2].Value);
        Assert.Equal(0.25, points[3].Value);
        Assert.Equal(1, harness.Health.MalformedLines);
    }

    [Fact]
    public void Scanner_ReadsAGrowingEventFile_WithoutReportingItsPartialRecord()
    {
        using var harness = new ScannerHarness();
        var path = EventFilePath(harness, "experiment_2022-01-01 06:00:00");
        var whole = EventFileBytes(writer =>
        {
            for (var step = 0; step < 10; step++)
            {
                writer.WriteScalar("Learning_rate", step, 0.5f / (step + 1), 1_795_391_398 + step);
            }
        });
        var cut = whole.Length - 7;
        File.WriteAllBytes(path, whole[..cut]);

        harness.Scan();
        Assert.Equal(9, harness.Points(RunId, "Learning_rate").Count);
        Assert.Equal(0, harness.Health.CorruptRecords);

        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write(whole.AsSpan(cut));
        }
        harness.Scan();

        var points = harness.Points(RunId, "Learning_rate");
        Assert.Equal(Enumerable.Range(0, 10).Select(s => (long)s), points.Select(p => p.Step));
        Assert.Equal((double)(0.5f / 10), points[9].Value);
        Assert.Equal(0, harness.Health.CorruptRecords);
    }

    [Fact]
    public void Scanner_SkipsExactlyTheRecord_WhoseDataCrcIsBad()
    {
        using var harness = new ScannerHarness();
        var (bytes, starts) = ScalarEvents(5);
        bytes[starts[2] + TfRecord.HeaderSize + 3] ^= 0x55;
        File.WriteAllBytes(EventFilePath(harness, "experiment_2022-01-01 06:00:00"), bytes);

        harness.Scan();

        Assert.Equal([0L, 1, 3, 4], harness.Points(RunId, "Learning_rate").Select(p => p.Step));
        Assert.Equal(1, harness.Health.CorruptRecords);
    }

    [Fact]
    public void Scanner_ResynchronisesOnTheNextRecord_WhenALengthCrcIsBad()
    {
        using var harness = new ScannerHarness();
        var (bytes, ends) = ScalarEvents(5);
        bytes[ends[1] + 1] ^= 0x10;
        File.WriteAllBytes(EventFilePath(harness, "experiment_2022-01-01 06:00:00"), bytes);

        harness.Scan();
        harness.Scan();

        Assert.Equal([0L, 2, 3, 4], harness.Points(RunId, "Learning_rate").Select(p => p.Step));
        Assert.Equal(1, harness.Health.CorruptRecords);
    }

    [Fact]
    public void Scanner_DoesNotReopenAFile_WhoseLengthAndTimeAreUnchanged()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt");
        File.WriteAllText(log, "0.5\n");
        harness.Scan();

        // Same length, same modification time, different bytes: a re-read would show 0.7.
        var stamp = File.GetLastWriteTimeUtc(log);
        File.WriteAllText(log, "0.7\n");
        File.SetLastWriteTimeUtc(log, stamp);
        harness.Scan();

        Assert.Equal([0.5], harness.Points(RunId, LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));
    }

    [Fact]
    public void Scanner_EmitsOneCheckpointEvent_PerSaveAtTheGlobalStepOfThatTimestep()
    {
        using var harness = new ScannerHarness();
        var net = Path.Combine(harness.Root, "net_2022-01-01 06:00:00.pth");
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt"), "0.5\n0.4\n");
        File.WriteAllBytes(net, [1]);
        harness.Scan();

        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:30:00.txt"), "0.3\n0.2\n0.1\n");
        File.WriteAllBytes(net, [1, 2]);
        File.SetLastWriteTimeUtc(net, DateTime.UtcNow.AddSeconds(5));
        harness.Scan();
        harness.Scan();

        var saves = harness.Points(RunId, LogDirectoryMetricNames.CheckpointSave);
        Assert.Equal([2L, 5], saves.Select(s => s.Step));
    }

    [Fact]
    public void Scanner_ReadsGrowingFiles_WhileTheDirectoryItselfIsUnchanged()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt");
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 05:30:00.txt"), "0.9\n");
        File.WriteAllText(log, "0.5\n");
        var longAgo = DateTime.UtcNow.AddHours(-1);
        Directory.SetLastWriteTimeUtc(harness.Root, longAgo);
        harness.Scan();

        File.AppendAllText(log, "0.25\n");
        Directory.SetLastWriteTimeUtc(harness.Root, longAgo);
        harness.Scan();
        Assert.Equal([0.9, 0.5, 0.25], harness.Points("icon-output@2022-01-01T05:30:00", LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));

        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:30:00.txt"), "0.125\n");
        harness.Scan();
        Assert.Equal([0.9, 0.5, 0.25, 0.125], harness.Points("icon-output@2022-01-01T05:30:00", LogDirectoryMetricNames.BatchLoss).Select(p => p.Value));
    }

    private static string EventFilePath(ScannerHarness harness, string experiment)
    {
        var directory = Path.Combine(harness.Root, "runs", experiment);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "events.out.tfevents.1795391398.test.1.0");
    }

    private static byte[] EventFileBytes(Action<TensorBoardEventWriter> write)
    {
        using var stream = new MemoryStream();
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteFileVersion(1_795_391_398);
        write(writer);
        return stream.ToArray();
    }

    /// <summary>An event file of scalar events at steps 0..count-1, and the offset where each scalar record starts.</summary>
    private static (byte[] Bytes, long[] Starts) ScalarEvents(int count)
    {
        using var stream = new MemoryStream();
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteFileVersion(1_795_391_398);
        var starts = new long[count];
        for (var step = 0; step < count; step++)
        {
            starts[step] = stream.Position;
            writer.WriteScalar("Learning_rate", step, 0.01f, 1_795_391_398 + step);
        }
        return (stream.ToArray(), starts);
    }
}
