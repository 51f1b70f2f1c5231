using Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ingestor.Publishing;

/// <summary>
/// Which ingestor writes a Redis prefix: the holder of a lease key set with NX and a time to live, renewed while it
/// lives. Every other ingestor on the prefix is a standby: it reads its sources and keeps its state, writes nothing,
/// and takes the lease when it expires (or is released by a clean stop), then republishes everything. Two ingestors
/// can therefore run side by side, one hot standby for the other, and never fight over the sequence.
/// </summary>
public sealed partial class WriterLease(IConnectionMultiplexer redis, RedisKeys keys, IOptions<PublishingOptions> options, TimeProvider time,
    ILogger<WriterLease> logger) : BackgroundService
{
    private readonly PublishingOptions _options = options.Value;
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Lock _sync = new();
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _heldUntil;
    private int _generation;

    /// <summary>This process holds the lease now, with time to spare: it may write.</summary>
    public bool IsHolder => time.GetTimestamp() < Interlocked.Read(ref _heldUntil);

    /// <summary>Counts the times this process took the lease; a new value means: republish everything.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Returns once this process holds the lease.</summary>
    public Task WaitUntilHolderAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return IsHolder ? Task.CompletedTask : _held.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.LeaseRenewInterval, time);
        do
        {
            try
            {
                await RenewOrTakeAsync();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // Redis away: keep writing only while the lease surely lasts (IsHolder runs out by itself).
                Log.RenewFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (IsHolder)
        {
            // A clean stop hands over at once rather than after the lease runs out.
            Interlocked.Exchange(ref _heldUntil, 0);
            var release = redis.GetDatabase().CreateTransaction();
            release.AddCondition(Condition.StringEqual(keys.WriterLease, _owner));
            _ = release.KeyDeleteAsync(keys.WriterLease);
            try
            {
                await release.ExecuteAsync();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                Log.RenewFailed(logger, exception);
            }
        }
    }

    private async Task RenewOrTakeAsync()
    {
        var database = redis.GetDatabase();
        var started = time.GetTimestamp();
        var wasHolder = IsHolder;
        // Renewed while the key is still ours, even when this process had stopped writing because a renewal came late
        // (a loaded machine): nobody else can have written meanwhile, so the sequence goes on and no client resyncs.
        var renew = database.CreateTransaction();
        renew.AddCondition(Condition.StringEqual(keys.WriterLease, _owner));
        _ = renew.KeyExpireAsync(keys.WriterLease, _options.LeaseDuration);
        var held = await renew.ExecuteAsync();
        if (!held && wasHolder)
        {
            Log.Lost(logger, _owner);
        }
        else if (!held && await database.StringSetAsync(keys.WriterLease, _owner, _options.LeaseDuration, When.NotExists))
        {
            held = true;
            Interlocked.Increment(ref _generation);
            Log.Taken(logger, _owner);
        }
        // Counted from before the request, less a renewal interval, so this process stops writing before anyone else
        // can take over, whatever the delays.
        var lasts = _options.LeaseDuration - _options.LeaseRenewInterval;
        Interlocked.Exchange(ref _heldUntil, held ? started + (long)(lasts.TotalSeconds * time.TimestampFrequency) : 0);
        lock (_sync)
        {
            if (held && !_held.Task.IsCompleted)
            {
                _held.TrySetResult();
            }
            else if (!held && _held.Task.IsCompleted)
            {
                _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "This ingestor ({Owner}) now writes the Redis prefix; it republishes everything")]
        public static partial void Taken(ILogger logger, string owner);

        [LoggerMessage(2, LogLevel.Warning, "This ingestor ({Owner}) lost the writer lease; it stops writing and waits as a standby")]
        public static partial void Lost(ILogger logger, string owner);

        [LoggerMessage(3, LogLevel.Warning, "The writer lease could not be renewed or taken; trying again")]
        public static partial void RenewFailed(ILogger logger, Exception exception);
    }
}
