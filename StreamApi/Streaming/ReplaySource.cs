using Contracts.Redis;
using StackExchange.Redis;

namespace StreamApi.Streaming;

/// <summary>Messages after a given sequence, from memory when it still holds them, else from the Redis replay log.</summary>
public sealed class ReplaySource(RecentMessages recent, IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int ReadAheadMessages = 64;

    /// <summary>
    /// Every message with seq &gt; <paramref name="after"/> up to the newest published, or null when that range can
    /// no longer be replayed (it fell out of the log, or <paramref name="after"/> lies beyond what this Redis has seen).
    /// </summary>
    public async Task<List<StreamMessage>?> AfterAsync(long after)
    {
        var database = redis.GetDatabase();
        var newest = await database.StringGetAsync(keys.Sequence);
        var newestSeq = newest.IsNullOrEmpty ? 0 : (long)newest;
        if (after > newestSeq)
        {
            return null;
        }
        if (after == newestSeq)
        {
            return [];
        }
        // Memory reaching back to after + 1 is enough even when it ends before the newest seq: the rest is on its way
        // through pub/sub to the queue of every client registered (each is, before asking), or, if it was lost, the
        // hub relays it from the log within a gap check. Reading the log here instead made every client that joined
        // while pub/sub trailed the seq key read dozens of messages from Redis: a thousand at once stalled the one
        // connection for seconds and their streams died with timeouts.
        if (recent.After(after) is { } fromMemory)
        {
            return fromMemory;
        }
        // The log holds consecutive messages, newest last: the wanted ones are its tail. Only those are read (plus a
        // few, for messages published between the two reads), and none when the log no longer reaches back far enough.
        var wanted = newestSeq - after;
        if (wanted > await database.ListLengthAsync(keys.ReplayLog))
        {
            return null;
        }
        var log = await database.ListRangeAsync(keys.ReplayLog, -(wanted + ReadAheadMessages), -1);
        var result = new List<StreamMessage>(log.Length);
        var expected = after + 1;
        foreach (var entry in log)
        {
            if (StreamMessage.TryParse((byte[])entry!) is not { } message || message.Seq <= after)
            {
                continue;
            }
            if (message.Seq != expected)
            {
                return null;
            }
            result.Add(message);
            expected++;
        }
        return result.Count > 0 ? result : null;
    }
}
