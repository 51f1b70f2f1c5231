using System.Globalization;
using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Redis;

namespace StreamApi.Tests.Streaming;

/// <summary>
/// What the ingestor published, read where it keeps it for resuming clients (the replay log), and the seq the
/// stored snapshot covers: how a test learns that what it wrote went out, and that the snapshot holds it.
/// </summary>
internal sealed class ReplayLog : IAsyncDisposable
{
    private const int Page = 64;

    private static readonly RedisKeys Keys = new();

    private readonly ConnectionMultiplexer _connection;

    private ReplayLog(ConnectionMultiplexer connection) => _connection = connection;

    public static async Task<ReplayLog> ConnectAsync(IRedisServer redis) =>
        new(await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString));

    /// <summary>The seq the stored snapshot is consistent with (0 before the first).</summary>
    public async Task<long> SnapshotSeqAsync() =>
        await _connection.GetDatabase().StringGetAsync(Keys.SnapshotSequence) is { IsNullOrEmpty: false } seq ? (long)seq : 0;

    /// <summary>The seq of the newest published delta, or null before the first.</summary>
    public Task<long?> NewestDeltaSeqAsync() => FindDeltaAsync(_ => true);

    /// <summary>
    /// The seq of the newest published delta that brought series <paramref name="seriesId"/> of <paramref name="runId"/>
    /// to <paramref name="totalPoints"/> points or more, or null while none did: the points a test wrote last went
    /// out in it or in an earlier one.
    /// </summary>
    public Task<long?> DeltaCarryingAsync(string runId, string seriesId, long totalPoints) =>
        FindDeltaAsync(delta => delta.Series.Any(s => s.RunId == runId && s.SeriesId == seriesId && s.TotalPoints >= totalPoints));

    /// <summary>The same, waited for.</summary>
    public async Task<long> WaitForDeltaCarryingAsync(string runId, string seriesId, long totalPoints, TimeSpan patience)
    {
        long? newest = null;
        return await Eventually.ReturnsAsync(
            async () =>
            {
                newest = await NewestDeltaSeqAsync();
                return await DeltaCarryingAsync(runId, seriesId, totalPoints);
            },
            $"a published delta bringing {runId}/{seriesId} to {totalPoints} points",
            patience,
            () => $"newest delta seq {newest?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
    }

    /// <summary>Reads the replay log from its newest message back, a page at a time.</summary>
    private async Task<long?> FindDeltaAsync(Func<DeltaMessage, bool> match)
    {
        var database = _connection.GetDatabase();
        var length = await database.ListLengthAsync(Keys.ReplayLog);
        for (var end = length - 1; end >= 0; end -= Page)
        {
            var messages = await database.ListRangeAsync(Keys.ReplayLog, Math.Max(0, end - Page + 1), end);
            for (var i = messages.Length - 1; i >= 0; i--)
            {
                var payload = (byte[])messages[i]!;
                if (JsonSerializer.Deserialize<JsonElement>(payload).GetProperty("type").GetString() != StreamEventType.Delta)
                {
                    continue;
                }
                var delta = JsonSerializer.Deserialize(payload, WireJsonContext.Default.DeltaMessage)!;
                if (match(delta))
                {
                    return delta.Seq;
                }
            }
        }
        return null;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
