using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Ingestor.Series;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bench.LogDirectory;

/// <summary>
/// From the plugin writing a timestep's log file to its losses reaching the sink, with file-system events and
/// with the periodic rescan alone (a 1 s rescan interval). One invocation is one file; read the Median and P95
/// columns. The directory already holds 1,000 timesteps, as a running simulation's does.
/// </summary>
[Config(typeof(LatencyConfig))]
[MedianColumn, Q3Column, MaxColumn]
public class SinkLatencyBenchmarks
{
    private const int Batches = 100;
    private static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(1);

    private readonly LatencySink _sink = new();
    private string _root = null!;
    private LogDirectorySource _source = null!;
    private ServiceProvider _services = null!;
    private int _timestep;

    [Params(true, false)]
    public bool FileSystemEvents { get; set; }

    [GlobalSetup]
    public void Start()
    {
        _root = PluginDirectory.NewRoot("latency");
        for (_timestep = 0; _timestep < 1000; _timestep++)
        {
            PluginDirectory.WriteTimestep(_root, _timestep, Batches);
        }
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Options.Create(new LogDirectorySourceOptions
        {
            Directories = [_root],
            RescanInterval = RescanInterval,
            WatchFileSystem = FileSystemEvents,
        });
        _source = new LogDirectorySource(options, Options.Create(new RetentionOptions()), _sink, new LogDirectoryStore(), new LogDirectoryHealthState(),
            new IngestorMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System, NullLogger<LogDirectorySource>.Instance);
        var ready = _sink.Expect(LogDirectoryMetricNames.BatchLoss, (_timestep * Batches) - 1);
        _source.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        ready.WaitAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task FileWrittenToSink()
    {
        var arrived = _sink.Expect(LogDirectoryMetricNames.BatchLoss, _timestep * Batches);
        PluginDirectory.WriteTimestep(_root, _timestep++, Batches, summary: false);
        await arrived.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [GlobalCleanup]
    public void Stop()
    {
        _source.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _source.Dispose();
        _services.Dispose();
        PluginDirectory.Delete(_root);
    }
}
