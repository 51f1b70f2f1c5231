using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;

namespace StreamApi.Streaming;

/// <summary>
/// Reads the snapshot the ingestor stored, consistent with the sequence recorded beside it, and keeps the last
/// one read so a crowd of clients connecting at once costs Redis one read.
/// </summary>
public sealed class SnapshotStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private SnapshotData? _latest;

    public async Task<SnapshotData> GetAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var seq = await ReadSequenceAsync(database);
        if (_latest is { } cached && cached.Seq == seq)
        {
            return cached;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (_latest is { } loaded && loaded.Seq == seq)
                {
                    return loaded;
                }
                var snapshot = await ReadAsync(database, seq);
                var after = await ReadSequenceAsync(database);
                // The ingestor rewrote the snapshot while we read it; deltas after the older seq still apply on top
                // (each overwrites a suffix), so after a few tries the older seq is a safe answer.
                if (after == seq || attempt == Attempts)
                {
                    _latest = snapshot;
                    return snapshot;
                }
                seq = after;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    private static async Task<long> ReadSequenceAsync(IDatabase database, RedisKey key) =>
        await database.StringGetAsync(key) is { IsNullOrEmpty: false } value ? (long)value : 0;

    private Task<long> ReadSequenceAsync(IDatabase database) => ReadSequenceAsync(database, keys.SnapshotSequence);

    private async Task<SnapshotData> ReadAsync(IDatabase database, long seq)
    {
        var storedRuns = await database.StringGetAsync(keys.Runs);
        var runs = storedRuns.IsNullOrEmpty
            ? []
            : JsonSerializer.Deserialize((byte[])storedRuns!, WireJsonContext.Default.RunMetaArray) ?? [];
        var reads = new Task<HashEntry[]>[runs.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            reads[i] = database.HashGetAllAsync(keys.RunSeries(runs[i].RunId));
        }
        await Task.WhenAll(reads);
        var fragments = new List<SnapshotData.Fragment>();
        for (var i = 0; i < runs.Length; i++)
        {
            var entries = reads[i].Result;
            Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name.ToString(), b.Name.ToString()));
            foreach (var entry in entries)
            {
                fragments.Add(new SnapshotData.Fragment(runs[i].RunId, entry.Name.ToString(), (byte[])entry.Value!));
            }
        }
        return new SnapshotData(seq, runs, fragments);
    }
}
