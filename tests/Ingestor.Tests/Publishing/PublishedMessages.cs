using System.Text.Json;
using System.Threading.Channels;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;

namespace Ingestor.Tests.Publishing;

/// <summary>The messages the ingestor publishes on the Redis channel, as a test reads them.</summary>
internal sealed class PublishedMessages
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Channel<byte[]> _messages = Channel.CreateUnbounded<byte[]>();

    private PublishedMessages()
    {
    }

    public static async Task<PublishedMessages> SubscribeAsync(ConnectionMultiplexer connection, RedisKeys keys)
    {
        var messages = new PublishedMessages();
        await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.Channel), (_, value) => messages._messages.Writer.TryWrite((byte[])value!));
        return messages;
    }

    /// <summary>The next delta that <paramref name="match"/> accepts, skipping everything else (at most 20 s).</summary>
    public async Task<DeltaMessage> NextDeltaAsync(Func<DeltaMessage, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (delta, _) = await ReadDeltaAsync(timeout.Token);
            if (match(delta))
            {
                return delta;
            }
        }
    }

    /// <summary>The next delta and its size in bytes as published, skipping other messages (at most 20 s).</summary>
    public async Task<(DeltaMessage Delta, int Bytes)> NextDeltaWithSizeAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await ReadDeltaAsync(timeout.Token);
    }

    private async Task<(DeltaMessage Delta, int Bytes)> ReadDeltaAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _messages.Reader.ReadAsync(cancellationToken);
            if (JsonDocument.Parse(payload).RootElement.GetProperty("type").GetString() == StreamEventType.Delta)
            {
                return (JsonSerializer.Deserialize(payload, WireJsonContext.Default.DeltaMessage)!, payload.Length);
            }
        }
    }
}
