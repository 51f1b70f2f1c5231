using System.Diagnostics.Metrics;
using Contracts.Series;
using Ingestor.Model;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Scanning;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>A scanner over a temporary plugin directory, with the store and counters it writes to.</summary>
internal sealed class ScannerHarness : IDisposable
{
    private readonly TempDirectory _temp = new("logdir");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly bool _followLinks;
    private readonly bool _readEventFiles;
    private readonly int _maxRunDepth;

    public ScannerHarness(string directoryName = "icon-output", bool followLinks = true, bool readEventFiles = true,
        int maxRunDepth = LogDirectorySourceOptions.DefaultMaxRunDepth)
    {
        _followLinks = followLinks;
        _readEventFiles = readEventFiles;
        _maxRunDepth = maxRunDepth;
        Root = _temp.Combine(directoryName);
        Directory.CreateDirectory(Root);
        Metrics = new IngestorMetrics(_services.GetRequiredService<IMeterFactory>());
        Scanner = NewScanner();
    }

    public string Root { get; }

    public LogDirectoryStore Store { get; private set; } = new();

    public LogDirectoryHealthState Health { get; } = new();

    public IngestorMetrics Metrics { get; }

    public DirectoryScanner Scanner { get; private set; }

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public DirectoryScanner NewScanner() => Scanner = new DirectoryScanner(Root, Store, Health, Metrics, NullLogger.Instance, followLinks: _followLinks,
        readEventFiles: _readEventFiles, maxRunDepth: _maxRunDepth);

    /// <summary>A folder beside <see cref="Root"/>, outside it, for links that lead away.</summary>
    public string Outside(string name)
    {
        var path = _temp.Combine(name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A scanner and store that start from nothing over the same directory, as after an ingestor restart.</summary>
    public void Restart()
    {
        Store = new LogDirectoryStore();
        NewScanner();
    }

    /// <summary>Scans until the scanner has no more work; returns every sample it handed to the sink.</summary>
    public List<(SeriesKey Key, MetricSample Sample)> Scan(int budget = 100_000)
    {
        var samples = new List<(SeriesKey, MetricSample)>();
        ScanOutput output;
        do
        {
            output = new ScanOutput(budget);
            lock (Store.Sync)
            {
                Scanner.Scan(output);
            }
            foreach (var series in output.Batch.Series)
            {
                samples.AddRange(series.Samples.Select(s => (series.Key, s)));
            }
        }
        while (output.MoreWork);
        return samples;
    }

    public void CopyIconFixture() => CopyDirectory(TestData("icon"), Root);

    public void CopyExperimentFixture(string experiment) =>
        CopyDirectory(TestData("tensorboard", "runs", experiment), Path.Combine(Root, "runs", experiment));

    public LogRun Run(string runId)
    {
        lock (Store.Sync)
        {
            Assert.True(Store.TryGet(runId, out var run), $"No run {runId}; runs: {string.Join(", ", Store.Runs.Select(r => r.RunId))}");
            return run;
        }
    }

    public string[] RunIds()
    {
        lock (Store.Sync)
        {
            return [.. Store.Runs.Select(r => r.RunId).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The skipped counts of the directory, by reason.</summary>
    public IReadOnlyDictionary<string, long> Skipped => Health.Snapshot(runs: 0).Directories.Single().Skipped;

    public List<MetricSample> Points(string runId, string metric)
    {
        lock (Store.Sync)
        {
            var run = Run(runId);
            if (!run.Series.TryGetValue(metric, out var series))
            {
                return [];
            }
            var points = series.All().ToList();
            return points;
        }
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            File.SetAttributes(target, FileAttributes.Normal);
        }
        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        _temp.Dispose();
    }
}
