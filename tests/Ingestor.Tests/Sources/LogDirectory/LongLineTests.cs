using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Scanning;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>A loss log whose line never ends (100 MB without a newline) is passed over without being held whole.</summary>
public sealed class LongLineTests
{
    [Fact]
    public void Scan_CountsAHugeLineAsOneMalformedBatch_WithoutHoldingIt_AndReadsTheLinesAfterIt()
    {
        using var harness = new ScannerHarness();
        var log = Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt");
        using (var file = File.Create(log))
        {
            file.Write("0.5\n"u8);
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'7');
            for (var i = 0; i < 100; i++)
            {
                file.Write(block);
            }
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var first = harness.Scan();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        File.AppendAllText(log, "\n0.25\n");
        var second = harness.Scan();

        Assert.Equal([(0L, 0.5)], first.Where(s => s.Key.Metric == LogDirectoryMetricNames.BatchLoss).Select(s => (s.Sample.Step, s.Sample.Value)));
        // The huge line is batch 1 (malformed, no value); 0.25 is batch 2.
        Assert.Equal([(2L, 0.25)], second.Where(s => s.Key.Metric == LogDirectoryMetricNames.BatchLoss).Select(s => (s.Sample.Step, s.Sample.Value)));
        Assert.Equal(1, harness.Health.MalformedLines);
        Assert.True(allocated < 16L * 1024 * 1024, $"reading past a 100 MB line allocated {allocated / (1024 * 1024)} MB");
    }

    [Fact]
    public void Scan_CountsALineOverTheLimitAsMalformed_EvenWhenItEndsInTheSameRead()
    {
        using var harness = new ScannerHarness();
        File.WriteAllText(Path.Combine(harness.Root, "log_2022-01-01 06:00:00.txt"),
            $"0.5\n{new string('1', DirectoryScanner.MaxLineBytes + 1)}\n0.25\n");

        var samples = harness.Scan();

        Assert.Equal([(0L, 0.5), (2L, 0.25)], samples.Where(s => s.Key.Metric == LogDirectoryMetricNames.BatchLoss).Select(s => (s.Sample.Step, s.Sample.Value)));
        Assert.Equal(1, harness.Health.MalformedLines);
    }
}
