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

    /// <summary>The next message of any type, as published (at most 20 s).</summary>
    public async Task<byte[]> NextPayloadAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _messages.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next delta that <paramref name="match"/> accepts, skipping everything else (at most 20 s).</summary>
    public async Task<DeltaMessage> NextDeltaAsync(Func<DeltaMessage, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var payload = await _messages.Reader.ReadAsync(timeout.Token);
            if (JsonDocument.Parse(payload).RootElement.GetProperty("type").GetString() != StreamEventType.Delta)
            {
                continue;
            }
            var delta = JsonSerializer.Deserialize(payload, WireJsonContext.Default.DeltaMessage)!;
            if (match(delta))
            {
                return delta;
            }
        }
    }
}
