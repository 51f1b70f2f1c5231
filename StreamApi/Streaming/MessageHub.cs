using System.Collections.Concurrent;
using Contracts.Redis;
using StackExchange.Redis;

namespace StreamApi.Streaming;

/// <summary>
/// The one Redis subscription of this process. Every message is parsed once (seq and type only), remembered in
/// <see cref="RecentMessages"/> and handed, as the same object, to every connected client's queue.
/// </summary>
public sealed partial class MessageHub(
    IConnectionMultiplexer redis,
    RedisKeys keys,
    RecentMessages recent,
    ILogger<MessageHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<StreamClient, byte> _clients = new();

    public int ClientCount => _clients.Count;

    public void Add(StreamClient client) => _clients.TryAdd(client, 0);

    public void Remove(StreamClient client) => _clients.TryRemove(client, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = RedisChannel.Literal(keys.Channel);
        ChannelMessageQueue? queue = null;
        while (queue is null)
        {
            try
            {
                queue = await redis.GetSubscriber().SubscribeAsync(channel);
            }
            catch (RedisException exception)
            {
                // The multiplexer reconnects by itself; only the first subscribe has to be retried by us.
                Log.SubscribeFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        await using var registration = stoppingToken.Register(() => queue.Unsubscribe());
        try
        {
            await foreach (var received in queue.WithCancellation(stoppingToken))
            {
                Relay(received.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (System.Threading.Channels.ChannelClosedException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Hands a message to every client; also the entry point for tests of the fan-out itself.</summary>
    public void Relay(RedisValue value)
    {
        if (StreamMessage.TryParse((byte[])value!) is not { } message)
        {
            Log.UnreadableMessage(logger);
            return;
        }
        recent.Add(message);
        foreach (var client in _clients.Keys)
        {
            client.Offer(message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Subscribing to Redis failed; retrying.")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "A message on the channel is not a sequenced message; ignored.")]
        public static partial void UnreadableMessage(ILogger logger);
    }
}
