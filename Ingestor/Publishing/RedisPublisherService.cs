using System.Diagnostics;
using System.Text.Json;
using Contracts.Wire;
using Ingestor.Resilience;
using Ingestor.Series;
using Ingestor.Telemetry;
using Microsoft.Extensions.Options;

namespace Ingestor.Publishing;

/// <summary>
/// The writer of the live stream's Redis state: takes what changed in the <see cref="SeriesStore"/>, publishes it as
/// sequenced messages, and keeps the stored snapshot current. Beside it, <see cref="LogDirectoryState.LogDirectoryRedisWriter"/>
/// writes what StreamApi's REST endpoints read for log-directory runs (full-resolution points, loss analytics,
/// health); both write only while this ingestor holds the <see cref="WriterLease"/>.
/// <para>Messages are numbered when composed and kept until Redis holds them, so a timeout or a short outage
/// only delays them: on retry the sequence in Redis tells which ones arrived, and readers see no hole. While Redis
/// is unreachable the store keeps accumulating (bounded by decimation). Only when Redis lost our state (restarted
/// empty, or another writer took over the prefix) is everything republished, with a jump in the sequence that tells
/// readers to take a fresh snapshot.</para>
/// </summary>
public sealed partial class RedisPublisherService(
    SeriesStore store,
    SequencedWriter writer,
    SnapshotWriter snapshots,
    WriterLease lease,
    PublisherStatus status,
    IngestorMetrics metrics,
    IOptions<PublishingOptions> options,
    TimeProvider time,
    ILogger<RedisPublisherService> logger) : BackgroundService
{
    private readonly PublishingOptions _options = options.Value;
    private readonly Queue<PendingMessage> _pending = new();
    private PendingSnapshot? _pendingSnapshot;
    private bool _republishEverything = true;
    private DateTimeOffset _nextSnapshot;
    private DateTimeOffset _nextRunsMeta;
    private int _leaseGeneration;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Whatever fails (a Redis error, a timeout, an operation cancelled under load), what is pending is kept and
            // sent again: one bad round must never stop publishing.
            var retry = RetryForever.Create(_options, time, failure =>
            {
                status.FailingSince ??= time.GetUtcNow();
                status.LastError = failure.Outcome.Exception?.Message;
                metrics.PublishErrors.Add(1);
                Log.PublishFailed(logger, _pending.Count, failure.RetryDelay, failure.Outcome.Exception);
                return ValueTask.CompletedTask;
            });
            while (!stoppingToken.IsCancellationRequested)
            {
                await retry.ExecuteAsync(async token =>
                {
                    // A standby writes nothing; once it holds the lease (again), Redis may hold another writer's
                    // state, so it republishes everything.
                    await lease.WaitUntilHolderAsync(token);
                    if (lease.Generation != _leaseGeneration)
                    {
                        _leaseGeneration = lease.Generation;
                        _republishEverything = true;
                    }
                    await PublishAsync();
                    return true;
                }, stoppingToken);
                status.FailingSince = null;
                await WaitForWorkAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            status.Fault = exception;
            Log.LoopFaulted(logger, exception);
            throw;
        }
    }

    /// <summary>One round: whatever is pending first, then what changed since.</summary>
    private async Task PublishAsync()
    {
        if (!lease.IsHolder)
        {
            return;
        }
        await RestoreEvictedRunsAsync();
        if (_republishEverything)
        {
            await RepublishEverythingAsync();
        }
        if (_pending.Count == 0 && _pendingSnapshot is null)
        {
            Compose(store.TakeChanges(time.GetUtcNow() >= _nextSnapshot, snapshotEverything: false, forceRuns: time.GetUtcNow() >= _nextRunsMeta));
        }
        await SendPendingAsync();
    }

    private async Task RepublishEverythingAsync()
    {
        _pending.Clear();
        _pendingSnapshot = null;
        await writer.InitializeAsync();
        if (!status.SnapshotPublished)
        {
            await RestoreRunsAsync();
        }
        var sequence = await writer.JumpAsync();
        var changes = store.TakeChanges(captureSnapshot: true, snapshotEverything: true, forceRuns: true);
        await snapshots.WriteAsync(changes.SnapshotSeries!, changes.AllRuns, sequence);
        _republishEverything = false;
        status.SnapshotPublished = true;
        status.Sequence = sequence;
        status.LastPublished = time.GetUtcNow();
        _nextSnapshot = time.GetUtcNow() + _options.SnapshotInterval;
        Log.Republished(logger, sequence, changes.SnapshotSeries!.Count, changes.AllRuns.Length);
        // The snapshot holds these changes already, but connected readers learn of the jump only from the next
        // message, and the delta keeps them exact if they catch up by replay instead.
        Compose(changes with { SnapshotSeries = null, ChangedRuns = changes.AllRuns });
    }

    /// <summary>Numbers the messages for a set of changes and keeps them, with the snapshot taken alongside, until sent.</summary>
    private void Compose(StoreChanges changes)
    {
        var now = time.GetUtcNow();
        var publishedMs = now.ToUnixTimeMilliseconds();
        var seq = writer.Sequence + _pending.Count;
        if (changes.Delta.Count > 0)
        {
            var series = new byte[changes.Delta.Count][];
            for (var i = 0; i < series.Length; i++)
            {
                series[i] = JsonSerializer.SerializeToUtf8Bytes(changes.Delta[i], WireJsonContext.Default.SeriesPoints);
            }
            var start = 0;
            while (start < series.Length)
            {
                var count = 0;
                var size = 0;
                long points = 0;
                while (start + count < series.Length && (count == 0 || size + series[start + count].Length <= _options.MaxMessageBytes))
                {
                    size += series[start + count].Length;
                    points += changes.Delta[start + count].Steps.Length;
                    count++;
                }
                _pending.Enqueue(new PendingMessage(++seq, MessageComposer.Delta(seq, publishedMs, series, start, count), points));
                start += count;
            }
        }
        if (changes.ChangedRuns is { } runs)
        {
            _pending.Enqueue(new PendingMessage(++seq, MessageComposer.RunsMeta(seq, publishedMs, runs), 0));
            _nextRunsMeta = now + _options.RunsMetaInterval;
        }
        if (changes.SnapshotSeries is { } snapshotSeries)
        {
            _pendingSnapshot = new PendingSnapshot(snapshotSeries, changes.AllRuns, seq);
            _nextSnapshot = now + _options.SnapshotInterval;
        }
    }

    private async Task SendPendingAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var sent = _pending.Count > 0;
        // A writer whose lease ran out mid-round stops at once: the standby may already be writing.
        while (lease.IsHolder && _pending.TryPeek(out var message))
        {
            if (message.Seq <= writer.Sequence)
            {
                _pending.Dequeue();
                continue;
            }
            if (!await writer.PublishAsync(message.Seq, message.Payload) && !await ReconcileAsync())
            {
                return;
            }
            if (writer.Sequence >= message.Seq)
            {
                _pending.Dequeue();
                metrics.MessagesPublished.Add(1);
                metrics.PointsPublished.Add(message.Points);
            }
        }
        if (_pendingSnapshot is { } snapshot)
        {
            if (await writer.ReadStoredAsync() != writer.Sequence)
            {
                LostState();
                return;
            }
            await snapshots.WriteAsync(snapshot.Series, snapshot.Runs, snapshot.Seq);
            _pendingSnapshot = null;
            RecordDecimationRatios(snapshot.Series);
            if (_pending.Count == 0)
            {
                EvictFinishedRuns();
            }
        }
        if (sent)
        {
            metrics.PublishDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            status.Sequence = writer.Sequence;
            status.LastPublished = time.GetUtcNow();
        }
    }

    /// <summary>
    /// A guarded publish was refused: either our own earlier attempts arrived although their acknowledgement was
    /// lost (Redis holds one of our pending numbers), or Redis lost our state.
    /// </summary>
    private async Task<bool> ReconcileAsync()
    {
        var stored = await writer.ReadStoredAsync();
        var lastPending = writer.Sequence + _pending.Count;
        if (stored is { } value && value > writer.Sequence && value <= lastPending)
        {
            writer.Confirm(value);
            return true;
        }
        LostState();
        return false;
    }

    private void LostState()
    {
        Log.StateLost(logger, writer.Sequence);
        _republishEverything = true;
        _pending.Clear();
        _pendingSnapshot = null;
    }

    /// <summary>Only what the stored snapshot holds can be released: call right after writing it.</summary>
    private void EvictFinishedRuns()
    {
        var evicted = store.EvictFinishedRuns();
        if (evicted > 0)
        {
            metrics.RunsEvicted.Add(evicted);
            Log.RunsEvicted(logger, evicted);
        }
    }

    private async Task RestoreEvictedRunsAsync()
    {
        foreach (var runId in store.RunsAwaitingRestore())
        {
            var (series, notSeries) = await snapshots.ReadRunSeriesAsync(runId);
            var unreadable = notSeries + store.RestoreRun(runId, series);
            metrics.RunsRestored.Add(1);
            Log.RunRestored(logger, runId, unreadable);
        }
    }

    private async Task RestoreRunsAsync()
    {
        try
        {
            store.RestoreRuns(await snapshots.ReadRunsAsync());
        }
        catch (JsonException exception)
        {
            Log.StoredRunsUnreadable(logger, exception);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var untilTimer = Min(_nextSnapshot, _nextRunsMeta) - time.GetUtcNow();
        if (untilTimer > TimeSpan.Zero && !_republishEverything)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(untilTimer);
            try
            {
                await store.WaitForChangesAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
        if (_options.MinInterval > TimeSpan.Zero)
        {
            await Task.Delay(_options.MinInterval, time, stoppingToken);
        }
    }

    private void RecordDecimationRatios(IReadOnlyList<SeriesPoints> series)
    {
        foreach (var entry in series)
        {
            if (entry.Steps.Length > 0)
            {
                metrics.DecimationRatio.Record((double)entry.TotalPoints / entry.Steps.Length);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
