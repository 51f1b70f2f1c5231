using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Contracts.Analytics;
using Contracts.Redis;
using Contracts.Series;
using Ingestor.Resilience;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ingestor.Publishing.LogDirectoryState;

/// <summary>
/// Keeps Redis in step with the log-directory store: full-resolution points, loss analytics, run statuses and
/// the source's health (REST data for StreamApi, not part of the sequenced stream). What Redis refuses stays
/// dirty in memory and is retried by <see cref="RetryForever"/> (<c>Publishing__Retry*</c>); when Redis comes back
/// empty (restarted, flushed: the epoch key is gone) or the connection is restored, everything is written again.
/// </summary>
public sealed partial class LogDirectoryRedisWriter(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    LogDirectoryStore store,
    LogDirectoryHealthState health,
    WriterLease lease,
    IOptions<LogDirectorySourceOptions> options,
    IOptions<PublishingOptions> publishing,
    IngestorMetrics metrics,
    TimeProvider time,
    ILogger<LogDirectoryRedisWriter> logger) : BackgroundService
{
    /// <summary>Health (last scan time) is written at least this often even when nothing else changed.</summary>
    private static readonly TimeSpan HealthRefresh = TimeSpan.FromSeconds(5);

    /// <summary>About this much is serialized and in flight at once; a backlog goes out in pieces of it.</summary>
    private const long WorkBudgetBytes = 4L * 1024 * 1024;

    private readonly LogDirectorySourceOptions _options = options.Value;
    private volatile bool _rewriteAll = true;
    private DateTimeOffset _healthDue = DateTimeOffset.MinValue;
    private int _leaseGeneration;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Directories.Length == 0)
        {
            return;
        }
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            // TryFlushAsync logs and counts what Redis refused; what it could not write stays dirty for the next attempt.
            var retry = RetryForever.Create(publishing.Value, time, _ => ValueTask.CompletedTask);
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = Task.CompletedTask;
                var flushed = DateTimeOffset.MinValue;
                await retry.ExecuteAsync(async token =>
                {
                    // Only the ingestor holding the writer lease writes; taking it (again), it rewrites everything.
                    await lease.WaitUntilHolderAsync(token);
                    if (lease.Generation != _leaseGeneration)
                    {
                        _leaseGeneration = lease.Generation;
                        _rewriteAll = true;
                    }
                    changed = store.Changed;
                    flushed = time.GetUtcNow();
                    return await TryFlushAsync();
                }, stoppingToken);
                await WaitForChangeAsync(changed, stoppingToken);
                // At most one flush per interval, but a change after a quiet spell goes out at once.
                var spacing = flushed + _options.RedisFlushInterval - time.GetUtcNow();
                if (spacing > TimeSpan.Zero)
                {
                    await Task.Delay(spacing, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    /// <summary>Writes what changed; false (logged and counted) when Redis did not take it.</summary>
    public async Task<bool> TryFlushAsync()
    {
        var started = Stopwatch.GetTimestamp();
        RedisWork? work = null;
        var rewrite = false;
        try
        {
            // A rescan that found nothing new must cost Redis nothing: only the health record is refreshed, at its pace.
            RedisWork? first = null;
            if (!_rewriteAll && time.GetUtcNow() < _healthDue)
            {
                first = TakeWork();
                if (first.IsEmpty && !first.More)
                {
                    return true;
                }
                work = first;
            }
            var database = redis.GetDatabase();
            rewrite = _rewriteAll || !await database.KeyExistsAsync(keys.LogDirectoryEpoch);
            _rewriteAll = false;
            lock (store.Sync)
            {
                if (rewrite)
                {
                    foreach (var run in store.Runs)
                    {
                        run.MarkAllDirty();
                    }
                }
            }
            // What was taken before a rewrite was found due is written too; the rewrite's own work follows it.
            work = first ?? TakeWork();
            await work.ExecuteAsync(database);
            while (work.More || (rewrite && ReferenceEquals(work, first)))
            {
                work = TakeWork();
                await work.ExecuteAsync(database);
            }
            if (rewrite)
            {
                await database.StringSetAsync(keys.LogDirectoryEpoch, time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                Rewritten(store.RunCount);
            }
            await WriteHealthAsync(database);
            _healthDue = time.GetUtcNow() + HealthRefresh;
            metrics.PublishDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("source", RunSource.LogDirectory));
            return true;
        }
        catch (Exception exception)
        {
            // Any failure, an operation cancelled under load included: keep the work and retry it.
            if (work is not null)
            {
                lock (store.Sync)
                {
                    work.Restore();
                }
            }
            _rewriteAll |= rewrite;
            metrics.PublishErrors.Add(1, new KeyValuePair<string, object?>("source", RunSource.LogDirectory));
            WriteFailed(exception);
            return false;
        }
    }

    /// <summary>Until the store changes, or the health record is due again.</summary>
    private async Task WaitForChangeAsync(Task changed, CancellationToken stoppingToken)
    {
        try
        {
            await changed.WaitAsync(HealthRefresh, time, stoppingToken);
        }
        catch (TimeoutException)
        {
        }
    }

    private RedisWork TakeWork()
    {
        lock (store.Sync)
        {
            return RedisWork.Take(store, keys, WorkBudgetBytes);
        }
    }

    private Task WriteHealthAsync(IDatabase database)
    {
        int runs;
        lock (store.Sync)
        {
            runs = store.RunCount;
        }
        var snapshot = JsonSerializer.SerializeToUtf8Bytes(health.Snapshot(runs), AnalyticsJsonContext.Default.LogDirectoryHealth);
        return database.StringSetAsync(keys.LogDirectoryHealth, snapshot);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _rewriteAll = true;
        store.NotifyChanged();
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Writing log-directory data to Redis failed; kept in memory and retried")]
    private partial void WriteFailed(Exception exception);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Wrote every log-directory run ({Runs}) to Redis in full")]
    private partial void Rewritten(int runs);
}
