using Contracts.Redis;
using StackExchange.Redis;
using TestSupport.Redis;

namespace StreamApi.Tests.Streaming;

internal static class StoredSnapshot
{
    /// <summary>
    /// The ingestor publishes and stores on its own schedule: waits until the stored snapshot covers every message
    /// published, and nothing more came for one more look.
    /// </summary>
    public static async Task WaitUntilItCoversEverythingAsync(IRedisServer redis, TimeSpan patience)
    {
        var keys = new RedisKeys();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var deadline = DateTime.UtcNow + patience;
        var previous = -1L;
        while (DateTime.UtcNow < deadline)
        {
            var published = (long)await database.StringGetAsync(keys.Sequence);
            var stored = (long)await database.StringGetAsync(keys.SnapshotSequence);
            if (published > 0 && stored == published && published == previous)
            {
                return;
            }
            previous = stored == published ? published : -1;
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"The ingestor did not store a snapshot of everything it published within {patience}.");
    }
}
