using System.Globalization;
using Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ingestor.Publishing;

/// <summary>
/// Publishes messages with consecutive sequence numbers. Each message is one MULTI/EXEC: the sequence key, the
/// replay log and the pub/sub message change together, guarded by the sequence we last wrote, so a Redis that
/// lost its data (a restart) or a second writer is noticed instead of producing a sequence with holes nobody sees.
/// </summary>
public sealed class SequencedWriter(IConnectionMultiplexer redis, RedisKeys keys, IOptions<PublishingOptions> options)
{
    private readonly int _logLength = options.Value.ReplayLogLength;

    /// <summary>The sequence of the last message this writer published (0 before any).</summary>
    public long Sequence { get; private set; }

    public async Task InitializeAsync()
    {
        // Never lower: after Redis restarted empty, readers still hold our old numbers, so we continue above them.
        var stored = await redis.GetDatabase().StringGetAsync(keys.Sequence);
        Sequence = Math.Max(Sequence, stored.IsNullOrEmpty ? 0 : (long)stored);
    }

    /// <summary>Publishes the message <paramref name="compose"/> builds for the next sequence number.</summary>
    /// <returns>False when Redis no longer holds our sequence: the caller must republish everything.</returns>
    public async Task<bool> PublishAsync(Func<long, byte[]> compose)
    {
        var seq = Sequence + 1;
        var payload = compose(seq);
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Sequence == 0
            ? Condition.KeyNotExists(keys.Sequence)
            : Condition.StringEqual(keys.Sequence, Sequence));
        _ = transaction.StringSetAsync(keys.Sequence, seq);
        _ = transaction.ListRightPushAsync(keys.ReplayLog, payload);
        _ = transaction.ListTrimAsync(keys.ReplayLog, -_logLength, -1);
        _ = transaction.PublishAsync(RedisChannel.Literal(keys.Channel), payload);
        if (!await transaction.ExecuteAsync())
        {
            return false;
        }
        Sequence = seq;
        return true;
    }

    /// <summary>
    /// Moves past whatever Redis and we have seen, leaving one number unused on purpose: readers that see the
    /// jump know they missed something and take a fresh snapshot.
    /// </summary>
    public async Task<long> JumpAsync()
    {
        var database = redis.GetDatabase();
        var stored = await database.StringGetAsync(keys.Sequence);
        var current = stored.IsNullOrEmpty ? 0 : long.Parse(stored.ToString(), CultureInfo.InvariantCulture);
        Sequence = Math.Max(current, Sequence) + 1;
        await database.StringSetAsync(keys.Sequence, Sequence);
        return Sequence;
    }

    /// <summary>True when Redis still holds the sequence we last wrote (it was not restarted empty or overwritten).</summary>
    public async Task<bool> IsIntactAsync()
    {
        var stored = await redis.GetDatabase().StringGetAsync(keys.Sequence);
        return Sequence == 0 ? true : !stored.IsNullOrEmpty && (long)stored == Sequence;
    }
}
