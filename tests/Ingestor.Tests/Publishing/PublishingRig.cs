using Contracts.Redis;
using StackExchange.Redis;
using TestSupport.Ingestion;
using TestSupport.Redis;

namespace Ingestor.Tests.Publishing;

/// <summary>A real Redis, a subscriber to the channel the ingestor publishes on, and the ingestor's publishing, fed by the test.</summary>
internal sealed record PublishingRig(IRedisServer Redis, ConnectionMultiplexer Connection, PublishedMessages Messages, IngestorHost Ingestor)
    : IAsyncDisposable
{
    public static async Task<PublishingRig> StartAsync(string redisKind, IReadOnlyDictionary<string, string?> settings)
    {
        var redis = await RedisServers.StartAsync(redisKind);
        ConnectionMultiplexer? connection = null;
        try
        {
            connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            // Subscribed before the ingestor starts, so no message it publishes is missed.
            var messages = await PublishedMessages.SubscribeAsync(connection, new RedisKeys());
            return new PublishingRig(redis, connection, messages, await IngestorHost.StartAsync(redis.ConnectionString, settings));
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Ingestor.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
