using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;

namespace StreamApi.Streaming;

/// <summary>
/// Reads the snapshot the ingestor stored, consistent with the sequence recorded beside it, and keeps the last
/// one read so a crowd of clients connecting at once costs Redis one read.
/// <para>The ingestor stores a new snapshot every few seconds while runs are live, and reading one is tens of
/// megabytes. So a client that connects meanwhile is given the held snapshot at once when every message published
/// since it is still in memory (the session sends those right after it, which is the same state), and the newer one
/// is read in the background for the clients after it. A client that could not be caught up that way asks for a
/// fresh one, which is read before it is answered.</para>
/// </summary>
public sealed partial class SnapshotStore(IConnectionMultiplexer redis, RedisKeys keys, RecentMessages recent, ILogger<SnapshotStore> logger)
{
    private const int Attempts = 5;

    /// <summary>
    /// How far behind the stored snapshot the held one may be and still be served: past this, replaying every delta
    /// since would cost the client more than reading the newer snapshot (a few seconds of deltas at typical rates).
    /// </summary>
    private const long MaxHeldLag = 128;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private SnapshotData? _latest;

    /// <summary>
    /// The stored snapshot; with <paramref name="allowHeld"/>, possibly the one read before, when the messages
    /// since it can still be replayed from memory.
    /// </summary>
    public async Task<SnapshotData> GetAsync(bool allowHeld, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var seq = await ReadSequenceAsync(database);
        if (Held(database, seq, allowHeld) is { } held)
        {
            return held;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            // The snapshot read while this request waited serves it as a held one would.
            return Held(database, seq, allowHeld) ?? await LoadAsync(database, seq);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// The snapshot as a client that sees only <paramref name="filter"/> needs it: the one held, as
    /// <see cref="GetAsync(bool, CancellationToken)"/> would serve it; but where that would mean reading every series
    /// from Redis first, only the series the filter matches (<see cref="SnapshotData.IsComplete"/> is false), with the
    /// whole snapshot read behind it for the clients that come next. The open tab's series are a third of a
    /// fleet's, and reading them all was the largest part of the first paint after a while without clients.
    /// </summary>
    public async Task<SnapshotData> GetAsync(StreamFilter filter, CancellationToken cancellationToken)
    {
        if (filter.IsEmpty)
        {
            return await GetAsync(allowHeld: true, cancellationToken);
        }
        var database = redis.GetDatabase();
        var seq = await ReadSequenceAsync(database);
        if (Held(database, seq, allowHeld: true) is { } held)
        {
            return held;
        }
        // Read once, without looking at the seq again: a series the ingestor rewrote meanwhile is ahead of seq, and
        // the deltas after seq still apply on top of it (each overwrites a suffix). The whole read tries again only
        // so that the snapshot held for everyone is the newest; this one serves one client.
        var part = await ReadAsync(database, seq, filter);
        RefreshInBackground(database);
        return part;
    }

    private SnapshotData? Held(IDatabase database, long seq, bool allowHeld)
    {
        if (_latest is not { } held || !(held.Seq == seq || (allowHeld && held.Seq < seq && seq - held.Seq <= MaxHeldLag && recent.After(held.Seq) is not null)))
        {
            return null;
        }
        if (held.Seq != seq)
        {
            RefreshInBackground(database);
        }
        return held;
    }

    private async Task<SnapshotData> LoadAsync(IDatabase database, long seq)
    {
        if (_latest is { } loaded && loaded.Seq == seq)
        {
            return loaded;
        }
        var snapshot = await ReadConsistentAsync(database, seq, filter: null);
        _latest = snapshot;
        return snapshot;
    }

    /// <summary>
    /// The snapshot at the sequence recorded beside it, read again while the ingestor rewrote it meanwhile; deltas
    /// after the older seq still apply on top (each overwrites a suffix), so after a few tries the older seq is a
    /// safe answer.
    /// </summary>
    private async Task<SnapshotData> ReadConsistentAsync(IDatabase database, long seq, StreamFilter? filter)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await ReadAsync(database, seq, filter);
            var after = await ReadSequenceAsync(database);
            if (after == seq || attempt == Attempts)
            {
                return snapshot;
            }
            seq = after;
        }
    }

    private void RefreshInBackground(IDatabase database)
    {
        if (!_loading.Wait(0))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await LoadAsync(database, await ReadSequenceAsync(database));
            }
            catch (Exception exception)
            {
                // The held snapshot keeps serving; the next client that connects tries again.
                Log.RefreshFailed(logger, exception);
            }
            finally
            {
                _loading.Release();
            }
        });
    }

    private static async Task<long> ReadSequenceAsync(IDatabase database, RedisKey key) =>
        await database.StringGetAsync(key) is { IsNullOrEmpty: false } value ? (long)value : 0;

    private Task<long> ReadSequenceAsync(IDatabase database) => ReadSequenceAsync(database, keys.SnapshotSequence);

    /// <summary>Every series of the stored snapshot, or with <paramref name="filter"/> only those it matches.</summary>
    private async Task<SnapshotData> ReadAsync(IDatabase database, long seq, StreamFilter? filter)
    {
        var storedRuns = await database.StringGetAsync(keys.Runs);
        var runs = storedRuns.IsNullOrEmpty
            ? []
            : JsonSerializer.Deserialize((byte[])storedRuns!, WireJsonContext.Default.RunMetaArray) ?? [];
        var reads = new Task<HashEntry[]>[runs.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            reads[i] = filter is null ? database.HashGetAllAsync(keys.RunSeries(runs[i].RunId))
                : filter.MatchesRun(runs[i].RunId) ? ReadMatchingAsync(database, runs[i].RunId, filter)
                : Task.FromResult<HashEntry[]>([]);
        }
        await Task.WhenAll(reads);
        var fragments = new List<SnapshotFragment>();
        var unreadable = 0;
        for (var i = 0; i < runs.Length; i++)
        {
            var entries = reads[i].Result;
            Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name.ToString(), b.Name.ToString()));
            foreach (var entry in entries)
            {
                if (SnapshotFragment.FromStored(runs[i].RunId, entry.Name.ToString(), (byte[])entry.Value!) is { } fragment)
                {
                    fragments.Add(fragment);
                }
                else
                {
                    unreadable++;
                }
            }
        }
        if (unreadable > 0)
        {
            Log.UnreadableSeries(logger, unreadable, seq);
        }
        return new SnapshotData(seq, runs, fragments, isComplete: filter is null);
    }

    /// <summary>The stored series of one run that <paramref name="filter"/> matches: their names first, then only their values.</summary>
    private async Task<HashEntry[]> ReadMatchingAsync(IDatabase database, string runId, StreamFilter filter)
    {
        var key = keys.RunSeries(runId);
        var names = Array.FindAll(await database.HashKeysAsync(key), name => filter.Matches(runId, name.ToString()));
        if (names.Length == 0)
        {
            return [];
        }
        var values = await database.HashGetAsync(key, names);
        var entries = new List<HashEntry>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            // A series dropped between the two reads is simply not there.
            if (!values[i].IsNull)
            {
                entries.Add(new HashEntry(names[i], values[i]));
            }
        }
        return [.. entries];
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reading the newer snapshot from Redis failed; the one held keeps serving.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "{Count} stored series of the snapshot at seq {Seq} are neither a series block nor a series' JSON; left out.")]
        public static partial void UnreadableSeries(ILogger logger, int count, long seq);
    }
}
