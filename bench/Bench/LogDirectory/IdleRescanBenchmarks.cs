using BenchmarkDotNet.Attributes;
using Ingestor.Sources.LogDirectory.Scanning;
using Ingestor.Sources.LogDirectory.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Bench.LogDirectory;

/// <summary>
/// What a rescan costs while a 10,000-timestep directory is idle (nothing new between two timesteps): with the
/// directory-time check (the default), and listing every file each time (as right after the full-listing interval).
/// </summary>
[Config(typeof(LatencyConfig))]
public class IdleRescanBenchmarks
{
    private string _root = null!;
    private ServiceProvider _services = null!;
    private DirectoryScanner _scanner = null!;
    private LogDirectoryStore _store = null!;

    [Params(true, false)]
    public bool DirectoryTimesChecked { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = PluginDirectory.NewRoot("idle");
        for (var t = 0; t < 10_000; t++)
        {
            PluginDirectory.WriteTimestep(_root, t, batches: 100, summary: t < 9_999);
        }
        // A simulation between timesteps: the directory last changed a while ago.
        Directory.SetLastWriteTimeUtc(_root, DateTime.UtcNow.AddMinutes(-1));
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _store = new LogDirectoryStore();
        _scanner = PluginDirectory.NewScanner(_root, _store, _services, DirectoryTimesChecked ? TimeSpan.FromHours(1) : TimeSpan.Zero);
        PluginDirectory.ScanAll(_scanner, _store);
    }

    [Benchmark]
    public long Rescan() => PluginDirectory.ScanAll(_scanner, _store);

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        PluginDirectory.Delete(_root);
    }
}
