using System.Collections.Concurrent;
using Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamApi.Streaming;

/// <summary>
/// The one Redis subscription of this process. Every message is parsed once (seq and type only), remembered in
/// <see cref="RecentMessages"/> and handed, as the same object, to every connected client's queue.
/// <para>Pub/sub drops what is published while a subscriber is disconnected, and nothing may come after it for a
/// while; so after every reconnect, and every <see cref="StreamOptions.GapCheckInterval"/> as a safety net, the hub
/// compares the newest sequence in Redis with the last one it relayed and relays what it missed from the replay
/// log. Clients thereby learn of a loss within seconds, whether or not anything else is published.</para>
/// <para>What it relayed last starts at the sequence Redis holds when it subscribes, and clients are registered only
/// after that (<see cref="Subscribed"/>): each client's snapshot and replay reach at least that far, and every
/// message after it is relayed, by pub/sub or from the log. Starting from its first check instead left clients that
/// connected before it without the messages published meanwhile until another one came, which after the burst of
/// an ingestor starting anew can be half a minute.</para>
/// </summary>
public sealed partial class MessageHub(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    RecentMessages recent,
    IOptions<StreamOptions> options,
    TimeProvider time,
    ILogger<MessageHub> logger) : BackgroundService
{
    private const int ReadAheadMessages = 64;

    private readonly ConcurrentDictionary<StreamClient, byte> _clients = new();
    private readonly Lock _relaying = new();
    private readonly SemaphoreSlim _checkNow = new(0, 1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastRelayed;

    public int ClientCount => _clients.Count;

    /// <summary>Completes once the hub listens to the channel and relays every message after the sequence Redis held then.</summary>
    public Task Subscribed => _subscribed.Task;

    public void Add(StreamClient client) => _clients.TryAdd(client, 0);

    public void Remove(StreamClient client) => _clients.TryRemove(client, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            var queue = await SubscribeAsync(stoppingToken);
            await using var registration = stoppingToken.Register(() => queue.Unsubscribe());
            await Task.WhenAll(RelayAsync(queue, stoppingToken), CheckForMissedAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    /// <summary>Hands a message to every client, once: a message already relayed (from the log, or twice) is dropped.</summary>
    public void Relay(RedisValue value)
    {
        if (StreamMessage.TryParse((byte[])value!) is not { } message)
        {
            Log.UnreadableMessage(logger);
            return;
        }
        Relay(message);
    }

    private void Relay(StreamMessage message)
    {
        lock (_relaying)
        {
            if (message.Seq <= _lastRelayed)
            {
                return;
            }
            _lastRelayed = message.Seq;
            recent.Add(message);
            foreach (var client in _clients.Keys)
            {
                client.Offer(message);
            }
        }
    }

    private async Task<ChannelMessageQueue> SubscribeAsync(CancellationToken stoppingToken)
    {
        ChannelMessageQueue? queue = null;
        while (true)
        {
            try
            {
                queue ??= await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.Channel));
                // Every message from here on reaches the queue; those before it are in Redis for clients to replay.
                var newest = await ReadNewestAsync();
                lock (_relaying)
                {
                    _lastRelayed = Math.Max(_lastRelayed, newest);
                }
                _subscribed.TrySetResult();
                return queue;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                // The multiplexer reconnects by itself; only the first subscribe has to be retried by us.
                Log.SubscribeFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    private async Task RelayAsync(ChannelMessageQueue queue, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var received in queue.WithCancellation(stoppingToken))
            {
                Relay(received.Message);
            }
        }
        catch (System.Threading.Channels.ChannelClosedException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckForMissedAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.GapCheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await _checkNow.WaitAsync(interval, stoppingToken);
            try
            {
                await RelayMissedAsync();
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Redis is down: the next round (or the reconnect) tries again.
                Log.CheckFailed(logger, exception);
            }
        }
    }

    private async Task RelayMissedAsync()
    {
        var newest = await ReadNewestAsync();
        long last;
        lock (_relaying)
        {
            last = _lastRelayed;
        }
        if (newest <= last)
        {
            return;
        }
        Log.MissedMessages(logger, last, newest);
        // Only the log's tail can hold them (it keeps consecutive messages, newest last), plus a few published
        // meanwhile. Under load pub/sub often just trails the seq key here, and the whole log is up to
        // Publishing__ReplayLogBytes (64 MiB) to read every GapCheckInterval.
        foreach (var entry in await redis.GetDatabase().ListRangeAsync(keys.ReplayLog, -(newest - last + ReadAheadMessages), -1))
        {
            if (StreamMessage.TryParse((byte[])entry!) is { } message && message.Seq > last)
            {
                Relay(message);
            }
        }
    }

    private async Task<long> ReadNewestAsync() =>
        await redis.GetDatabase().StringGetAsync(keys.Sequence) is { IsNullOrEmpty: false } stored ? (long)stored : 0;

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (_checkNow.CurrentCount == 0)
        {
            try
            {
                _checkNow.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Subscribing to Redis failed; retrying.")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "A message on the channel is not a sequenced message; ignored.")]
        public static partial void UnreadableMessage(ILogger logger);

        [LoggerMessage(3, LogLevel.Information, "Relayed up to seq {Last} but Redis holds {Newest}; relaying the missed messages from the replay log.")]
        public static partial void MissedMessages(ILogger logger, long last, long newest);

        [LoggerMessage(4, LogLevel.Debug, "Checking Redis for missed messages failed.")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
