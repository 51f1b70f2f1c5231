using System.Diagnostics;
using Contracts.Series;
using Contracts.Wire;
using Ingestor.Model;
using Ingestor.Series;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Scanning;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.Options;

namespace Ingestor.Sources.LogDirectory;

/// <summary>
/// Watches the configured plugin output directories and hands what appears in them to the sink. A directory is
/// scanned when a file-system event says it changed (after a short settle delay) and, whatever the events do,
/// every <see cref="LogDirectorySourceOptions.RescanInterval"/>. Each iteration survives its own failure.
/// </summary>
public sealed partial class LogDirectorySource(
    IOptions<LogDirectorySourceOptions> options,
    IOptions<RetentionOptions> retention,
    IMetricSink sink,
    LogDirectoryStore store,
    LogDirectoryHealthState health,
    IngestorMetrics metrics,
    TimeProvider time,
    ILogger<LogDirectorySource> logger) : BackgroundService
{
    /// <summary>Lines and records per pass: a cold start on a huge backlog reaches the sink in bounded batches.</summary>
    private const int PassBudget = 100_000;

    private static readonly TimeSpan MaxSinkRetryDelay = TimeSpan.FromSeconds(10);

    private readonly LogDirectorySourceOptions _options = options.Value;
    private readonly WakeSignal _wake = new();
    private DirectoryScanner[] _scanners = [];
    private DirectoryWatcher?[] _watchers = [];
    private int[] _pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Directories.Length == 0)
        {
            return;
        }
        health.Enabled = true;
        await Task.Yield();

        var ignoreEventFiles = _options.IgnoreEventFilesIn.Select(LogDirectorySourceOptions.NormalizedDirectory).ToHashSet(StringComparer.Ordinal);
        _scanners = [.. _options.Directories.Select(d => NewScanner(d, readEventFiles: !ignoreEventFiles.Contains(LogDirectorySourceOptions.NormalizedDirectory(d))))];
        _watchers = new DirectoryWatcher?[_scanners.Length];
        _pending = new int[_scanners.Length];
        try
        {
            var nextFullScan = time.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = nextFullScan - time.GetUtcNow();
                if (wait > TimeSpan.Zero && await _wake.WaitAsync(wait, time, stoppingToken) && _options.EventSettleDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.EventSettleDelay, time, stoppingToken);
                }

                var fullScan = time.GetUtcNow() >= nextFullScan;
                if (fullScan)
                {
                    nextFullScan = time.GetUtcNow() + _options.RescanInterval;
                }
                try
                {
                    for (var i = 0; i < _scanners.Length; i++)
                    {
                        if (Interlocked.Exchange(ref _pending[i], 0) == 1 || fullScan)
                        {
                            await ScanAsync(i, stoppingToken);
                        }
                    }
                    await PublishRunsAsync(stoppingToken);
                    EvictUnreferencedRuns();
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    health.ScanFailed();
                    metrics.SourceErrors.Add(1, Tag("source", RunSource.LogDirectory), Tag("kind", "iteration_failed"));
                    IterationFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            health.Fault = exception;
            SourceFaulted(exception);
            throw;
        }
        finally
        {
            foreach (var watcher in _watchers)
            {
                watcher?.Dispose();
            }
        }
    }

    private DirectoryScanner NewScanner(string directory, bool readEventFiles) =>
        new(directory, store, health, metrics, logger, _options.FullListingInterval, _options.FollowSymbolicLinks, _options.ShowPathsInHealth,
            readEventFiles, _options.MaxRunDepth);

    private async Task ScanAsync(int index, CancellationToken cancellationToken)
    {
        var scanner = _scanners[index];
        ScanOutput output;
        do
        {
            output = new ScanOutput(PassBudget);
            var started = Stopwatch.GetTimestamp();
            try
            {
                lock (store.Sync)
                {
                    scanner.Scan(output);
                }
                health.ScanSucceeded(time.GetUtcNow());
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                health.ScanFailed();
                metrics.SourceErrors.Add(1, Tag("source", RunSource.LogDirectory), Tag("kind", "scan_failed"));
                ScanFailed(scanner.Root, exception);
                return;
            }
            finally
            {
                metrics.PollDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, Tag("source", RunSource.LogDirectory));
            }

            EnsureWatcher(index, recreate: output.DirectoryReplaced);
            if (!output.Batch.IsEmpty)
            {
                await DeliverAsync(output.Batch, cancellationToken);
            }
            store.NotifyChanged();
        }
        while (output.MoreWork && !cancellationToken.IsCancellationRequested);
    }

    private void EnsureWatcher(int index, bool recreate)
    {
        if (!_options.WatchFileSystem)
        {
            return;
        }
        var watcher = _watchers[index];
        var exists = Directory.Exists(_scanners[index].Root);
        if (watcher is not null && (recreate || watcher.Broken || !exists))
        {
            watcher.Dispose();
            _watchers[index] = watcher = null;
        }
        if (watcher is null && exists)
        {
            try
            {
                var scanner = _scanners[index];
                _watchers[index] = new DirectoryWatcher(scanner.Root, path =>
                {
                    scanner.FileChanged(path);
                    Volatile.Write(ref _pending[index], 1);
                    _wake.Set();
                });
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                WatcherFailed(_scanners[index].Root, exception);
            }
        }
        _scanners[index].WatchedByEvents = _watchers[index] is { Broken: false };
    }

    /// <summary>Once the sink took a batch it is the ingestor's; until then keep trying (the scanner has moved past it).</summary>
    private async Task DeliverAsync(MetricBatch batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await sink.WriteAsync(batch, cancellationToken);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.SourceErrors.Add(1, Tag("source", RunSource.LogDirectory), Tag("kind", "sink"));
                SinkFailed(batch.SampleCount, delay, exception);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxSinkRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Tells the sink about runs that are new or changed, including those that just went inactive.</summary>
    private async Task PublishRunsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = new List<RunMeta>();
        lock (store.Sync)
        {
            foreach (var run in store.Runs)
            {
                if (run.Series.Count == 0)
                {
                    continue;
                }
                RunMeta meta;
                try
                {
                    meta = run.ToMeta(now, _options.ActiveWindow);
                }
                catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or OverflowException)
                {
                    // One run whose state cannot be described must not keep every other run from being published.
                    metrics.SourceErrors.Add(1, Tag("source", RunSource.LogDirectory), Tag("kind", "run_failed"));
                    RunMetaFailed(run.RunId, exception);
                    continue;
                }
                if (meta != run.PublishedMeta)
                {
                    changed.Add(meta);
                }
            }
        }
        if (changed.Count == 0)
        {
            return;
        }

        try
        {
            await sink.UpsertRunsAsync(changed, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not marked as published, so the next iteration offers them again.
            metrics.SourceErrors.Add(1, Tag("source", RunSource.LogDirectory), Tag("kind", "sink"));
            SinkFailed(changed.Count, TimeSpan.Zero, exception);
            return;
        }
        lock (store.Sync)
        {
            foreach (var meta in changed)
            {
                if (store.TryGet(meta.RunId, out var run))
                {
                    run.PublishedMeta = meta;
                }
            }
        }
    }

    private void EvictUnreferencedRuns()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        int evicted;
        lock (store.Sync)
        {
            foreach (var scanner in _scanners)
            {
                scanner.AddReferencedRuns(referenced);
            }
            evicted = store.EvictUnreferenced(referenced, time.GetUtcNow(), retention.Value.FinishedRunsAfter);
        }
        if (evicted > 0)
        {
            metrics.RunsEvicted.Add(evicted, Tag("source", RunSource.LogDirectory));
            RunsEvicted(evicted);
        }
    }

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
