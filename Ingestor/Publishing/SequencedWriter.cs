using System.Globalization;
using Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Ingestor.Publishing;

/// <summary>
/// Publishes messages with consecutive sequence numbers. Each message is one MULTI/EXEC: the sequence key, the
/// replay log and the pub/sub message change together, guarded by the sequence that must precede it, so a Redis
/// that lost its data (a restart) or a second writer is noticed instead of producing holes nobody sees, and a
/// message whose acknowledgement was lost (a timeout) is recognised as published rather than sent twice.
/// </summary>
public sealed class SequencedWriter(IConnectionMultiplexer redis, RedisKeys keys, IOptions<PublishingOptions> options, TimeProvider time)
{
    private readonly int _logLength = options.Value.ReplayLogLength;
    private readonly long _logBytes = options.Value.ReplayLogBytes;

    /// <summary>The sizes of the messages this process put in the replay log, oldest first, and their sum.</summary>
    private readonly Queue<int> _logged = new();
    private long _loggedBytes;

    /// <summary>The sequence of the last message known to be in Redis (0 before any).</summary>
    public long Sequence { get; private set; }

    /// <summary>What Redis holds as the newest sequence, or null when the key is gone.</summary>
    public async Task<long?> ReadStoredAsync()
    {
        var stored = await redis.GetDatabase().StringGetAsync(keys.Sequence);
        return stored.IsNullOrEmpty ? null : long.Parse(stored.ToString(), CultureInfo.InvariantCulture);
    }

    public async Task InitializeAsync()
    {
        // Never lower: after Redis restarted empty, readers still hold our old numbers, so we continue above them.
        Sequence = Math.Max(Sequence, await ReadStoredAsync() ?? 0);
    }

    /// <summary>Publishes <paramref name="payload"/> as message <paramref name="seq"/>, which must be <see cref="Sequence"/> + 1.</summary>
    /// <returns>False when Redis does not hold <see cref="Sequence"/> as its newest: the caller reconciles.</returns>
    public async Task<bool> PublishAsync(long seq, byte[] payload)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Sequence == 0
            ? Condition.KeyNotExists(keys.Sequence)
            : Condition.StringEqual(keys.Sequence, Sequence));
        _ = transaction.StringSetAsync(keys.Sequence, seq);
        _ = transaction.ListRightPushAsync(keys.ReplayLog, payload);
        var keep = LogEntriesToKeep(payload.Length);
        _ = transaction.ListTrimAsync(keys.ReplayLog, -keep, -1);
        _ = transaction.PublishAsync(RedisChannel.Literal(keys.Channel), payload);
        bool executed;
        try
        {
            executed = await transaction.ExecuteAsync();
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("EXECABORT", StringComparison.Ordinal))
        {
            // Redis refused a command of the transaction as it was queued, and StackExchange.Redis passes on only
            // EXECABORT; with these commands that means Redis refuses writes, which the log and /health should say.
            throw new RedisServerException(
                "Redis refuses writes: it is out of memory (maxmemory with noeviction), read-only, or still loading " +
                $"(its own log or INFO says which) [{exception.Message}]");
        }
        if (!executed)
        {
            return false;
        }
        _logged.Enqueue(payload.Length);
        _loggedBytes += payload.Length;
        while (_logged.Count > keep)
        {
            _loggedBytes -= _logged.Dequeue();
        }
        Sequence = seq;
        return true;
    }

    /// <summary>
    /// How many entries the replay log keeps once a payload of <paramref name="length"/> bytes joins it: at most
    /// <see cref="PublishingOptions.ReplayLogLength"/>, and only as many of the newest as fit in
    /// <see cref="PublishingOptions.ReplayLogBytes"/> (the new one always stays). Entries older than this process are
    /// of unknown size and count as too large once the budget is spent.
    /// </summary>
    private long LogEntriesToKeep(int length)
    {
        var total = _loggedBytes + length;
        if (total <= _logBytes)
        {
            return _logLength;
        }
        var keep = _logged.Count + 1L;
        foreach (var size in _logged)
        {
            if (total <= _logBytes || keep == 1)
            {
                break;
            }
            total -= size;
            keep--;
        }
        return Math.Min(keep, _logLength);
    }

    /// <summary>
    /// Unix milliseconds × 1000: above every number an earlier publisher reached, as long as it sent fewer than a
    /// thousand messages per millisecond on average (it sends a few per second), and below 2^53 until the year 2255,
    /// so a browser's number holds it exactly.
    /// </summary>
    private long ClockFloor() => time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;

    /// <summary>Records that messages up to <paramref name="seq"/> are in Redis (found there after a lost acknowledgement).</summary>
    public void Confirm(long seq) => Sequence = Math.Max(Sequence, seq);

    /// <summary>
    /// Moves past whatever Redis and we have seen, leaving one number unused on purpose: readers that see the
    /// jump know they missed something and take a fresh snapshot. It moves to the clock's floor at least, so the
    /// sequence never goes back even when Redis and the ingestor restart together and neither remembers it (readers
    /// would drop every message below the numbers they hold as old).
    /// </summary>
    public async Task<long> JumpAsync()
    {
        Sequence = Math.Max(Math.Max(await ReadStoredAsync() ?? 0, Sequence), ClockFloor()) + 1;
        await redis.GetDatabase().StringSetAsync(keys.Sequence, Sequence);
        return Sequence;
    }
}
