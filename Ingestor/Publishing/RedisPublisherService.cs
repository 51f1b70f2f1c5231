using System.Diagnostics;
using System.Text.Json;
using Contracts.Wire;
using Ingestor.Series;
using Ingestor.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ingestor.Publishing;

/// <summary>
/// The single writer of the dashboard's Redis state: takes what changed in the <see cref="SeriesStore"/>,
/// publishes it as sequenced deltas, and keeps the stored snapshot current. While Redis is unreachable the store
/// keeps accumulating (it is bounded by decimation); when Redis is back, or was restarted empty, everything is
/// republished and readers are told, by a jump in the sequence, to take a fresh snapshot.
/// </summary>
public sealed partial class RedisPublisherService(
    SeriesStore store,
    SequencedWriter writer,
    SnapshotWriter snapshots,
    PublisherStatus status,
    IngestorMetrics metrics,
    IOptions<PublishingOptions> options,
    TimeProvider time,
    ILogger<RedisPublisherService> logger) : BackgroundService
{
    private readonly PublishingOptions _options = options.Value;
    private bool _republishEverything = true;
    private DateTimeOffset _nextSnapshot;
    private DateTimeOffset _nextRunsMeta;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var retryDelay = TimeSpan.FromMilliseconds(100);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (_republishEverything)
                    {
                        await RepublishEverythingAsync();
                    }
                    await PublishChangesAsync();
                    status.FailingSince = null;
                    retryDelay = TimeSpan.FromMilliseconds(100);
                    await WaitForWorkAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException && !stoppingToken.IsCancellationRequested)
                {
                    // What was taken from the store may not have arrived; a full republish covers it.
                    _republishEverything = true;
                    status.FailingSince ??= time.GetUtcNow();
                    status.LastError = exception.Message;
                    metrics.PublishErrors.Add(1);
                    Log.PublishFailed(logger, retryDelay, exception);
                    await Task.Delay(retryDelay, time, stoppingToken);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                }
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

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var untilTimer = Min(_nextSnapshot, _nextRunsMeta) - now;
        if (untilTimer > TimeSpan.Zero)
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

    private async Task RepublishEverythingAsync()
    {
        await writer.InitializeAsync();
        if (!status.SnapshotPublished)
        {
            await RestoreRunsAsync();
        }
        var sequence = await writer.JumpAsync();
        var changes = store.TakeChanges(captureSnapshot: true, snapshotEverything: true, forceRuns: true);
        await snapshots.WriteAsync(changes.SnapshotSeries!, changes.AllRuns, sequence);
        _republishEverything = false;
        // The snapshot holds these changes already, but connected readers learn of the jump only from the next
        // message, and the delta keeps them exact if they catch up by replay instead.
        var publishedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (changes.Delta.Count > 0 && !await PublishDeltaAsync(changes.Delta, publishedMs))
        {
            return;
        }
        if (!await PublishAsync(seq => MessageComposer.RunsMeta(seq, publishedMs, changes.AllRuns)))
        {
            return;
        }
        status.SnapshotPublished = true;
        status.Sequence = sequence;
        status.LastPublished = time.GetUtcNow();
        _nextSnapshot = time.GetUtcNow() + _options.SnapshotInterval;
        _nextRunsMeta = time.GetUtcNow() + _options.RunsMetaInterval;
        status.Sequence = writer.Sequence;
        Log.Republished(logger, sequence, changes.SnapshotSeries!.Count, changes.AllRuns.Length);
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

    private async Task PublishChangesAsync()
    {
        var now = time.GetUtcNow();
        var snapshotDue = now >= _nextSnapshot;
        var runsDue = now >= _nextRunsMeta;
        var changes = store.TakeChanges(snapshotDue, snapshotEverything: false, forceRuns: runsDue);
        var started = Stopwatch.GetTimestamp();
        var publishedMs = now.ToUnixTimeMilliseconds();

        if (changes.Delta.Count > 0 && !await PublishDeltaAsync(changes.Delta, publishedMs))
        {
            return;
        }
        if (changes.ChangedRuns is { } runs)
        {
            if (!await PublishAsync(seq => MessageComposer.RunsMeta(seq, publishedMs, runs)))
            {
                return;
            }
            _nextRunsMeta = now + _options.RunsMetaInterval;
        }
        if (snapshotDue)
        {
            if (!await writer.IsIntactAsync())
            {
                LostState(writer.Sequence);
                return;
            }
            await snapshots.WriteAsync(changes.SnapshotSeries!, changes.AllRuns, writer.Sequence);
            _nextSnapshot = now + _options.SnapshotInterval;
            RecordDecimationRatios(changes.SnapshotSeries!);
        }
        if (changes.Delta.Count > 0 || changes.ChangedRuns is not null)
        {
            metrics.PublishDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            status.Sequence = writer.Sequence;
            status.LastPublished = now;
        }
    }

    private async Task<bool> PublishDeltaAsync(IReadOnlyList<SeriesPoints> delta, long publishedMs)
    {
        var serialized = new byte[delta.Count][];
        long points = 0;
        for (var i = 0; i < delta.Count; i++)
        {
            serialized[i] = JsonSerializer.SerializeToUtf8Bytes(delta[i], WireJsonContext.Default.SeriesPoints);
            points += delta[i].Steps.Length;
        }
        var start = 0;
        while (start < serialized.Length)
        {
            var count = 0;
            var size = 0;
            while (start + count < serialized.Length && (count == 0 || size + serialized[start + count].Length <= _options.MaxMessageBytes))
            {
                size += serialized[start + count].Length;
                count++;
            }
            var (first, length) = (start, count);
            if (!await PublishAsync(seq => MessageComposer.Delta(seq, publishedMs, serialized, first, length)))
            {
                return false;
            }
            start += count;
        }
        metrics.PointsPublished.Add(points);
        return true;
    }

    private async Task<bool> PublishAsync(Func<long, byte[]> compose)
    {
        if (await writer.PublishAsync(compose))
        {
            metrics.MessagesPublished.Add(1);
            return true;
        }
        LostState(writer.Sequence);
        return false;
    }

    private void LostState(long sequence)
    {
        Log.StateLost(logger, sequence);
        _republishEverything = true;
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
