using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Bench.LogDirectory;

/// <summary>
/// An ingestor starting on a directory that already holds a long simulation: how long until every file is read,
/// what it allocates, and how much memory it keeps (printed at cleanup as "retained" and "peak working set").
/// </summary>
[Config(typeof(ColdScanConfig))]
public class ColdScanBenchmarks
{
    private const int Timesteps = 10_000;
    private const int BatchesPerTimestep = 100;
    private const long EventFileBytes = 1L << 30;

    private string _logRoot = null!;
    private string _eventRoot = null!;
    private long _retainedBytes;

    [GlobalSetup(Target = nameof(TenThousandLogFiles))]
    public void WriteLogFiles()
    {
        _logRoot = PluginDirectory.NewRoot("logs");
        for (var t = 0; t < Timesteps; t++)
        {
            PluginDirectory.WriteTimestep(_logRoot, t, BatchesPerTimestep);
        }
    }

    [GlobalSetup(Target = nameof(OneGigabyteEventFile))]
    public void WriteEventFile()
    {
        _eventRoot = PluginDirectory.NewRoot("events");
        PluginDirectory.WriteEventFile(_eventRoot, EventFileBytes);
    }

    /// <summary>10,000 timesteps of 100 batches: 10,000 log files and 10,000 summaries, one million losses.</summary>
    [Benchmark]
    public long TenThousandLogFiles() => Scan(_logRoot);

    /// <summary>A 1 GiB PyTorch-style event file (about 3.7 M scalars and 18 k histograms).</summary>
    [Benchmark]
    public long OneGigabyteEventFile() => Scan(_eventRoot);

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// retained after scan: {_retainedBytes / (1024 * 1024)} MiB; peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        if (_logRoot is not null)
        {
            PluginDirectory.Delete(_logRoot);
        }
        if (_eventRoot is not null)
        {
            PluginDirectory.Delete(_eventRoot);
        }
    }

    private long Scan(string root)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (store, samples) = PluginDirectory.ScanCold(root);
        _retainedBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(store);
        return samples;
    }
}
