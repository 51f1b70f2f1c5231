using System.Diagnostics;
using System.Globalization;
using Contracts.Redis;
using Decimation;
using StackExchange.Redis;
using StreamApi.Telemetry;

namespace StreamApi.RawHistory;

/// <summary>
/// Reads the full-resolution copy of log-directory series that the ingestor keeps in Redis
/// (<see cref="RedisKeys.RunRaw"/>, layout <see cref="RawPointChunk"/>), fetching only the chunks a range touches,
/// in bounded batches. Redis failures propagate (a dead dependency is not an empty result).
/// </summary>
public sealed class RawHistoryReader(IConnectionMultiplexer redis, RedisKeys keys, StreamApiMetrics metrics)
{
    /// <summary>The series ids of a run with their point counts; empty when the run has no full-resolution data.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ListSeriesAsync(string runId)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.RunRawSeries(runId)).ConfigureAwait(false);
        var pointCounts = new Dictionary<string, long>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            pointCounts[entry.Name!] = long.TryParse(entry.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
        }
        return pointCounts;
    }

    /// <summary>
    /// Every point of one series within <paramref name="range"/>, or null when the series does not exist. Meant for
    /// short answers (a range known to hold few points, checkpoints): the answer holds every point.
    /// </summary>
    public async Task<RawColumns?> ReadAsync(string runId, string seriesId, RawRange range)
    {
        var started = Stopwatch.GetTimestamp();
        var database = redis.GetDatabase();
        var key = keys.RunRaw(runId, seriesId);
        if (await ReadPlanAsync(database, key, range).ConfigureAwait(false) is not { } plan)
        {
            return null;
        }
        using var points = await ReadSortedAsync(database, key, plan, range).ConfigureAwait(false);
        Record(started);
        return points.ToColumns();
    }

    /// <summary>
    /// One series within <paramref name="range"/> decimated to <paramref name="maxPoints"/> with LTTB-with-envelope
    /// (<see cref="EnvelopeDecimator"/>, the same answer for the same points), or null when the series does not
    /// exist. Where the chunks follow each other in step (a series whose steps only grow) they are decimated as they
    /// arrive, so memory stays bounded whatever the range holds; otherwise every point is read and sorted first.
    /// </summary>
    public async Task<RawDecimation?> DecimateAsync(string runId, string seriesId, RawRange range, int maxPoints)
    {
        var started = Stopwatch.GetTimestamp();
        var database = redis.GetDatabase();
        var key = keys.RunRaw(runId, seriesId);
        if (await ReadPlanAsync(database, key, range).ConfigureAwait(false) is not { } plan)
        {
            return null;
        }
        var decimation = await StreamedRawDecimation.TryAsync(database, key, plan, range, maxPoints).ConfigureAwait(false);
        if (decimation is null)
        {
            using var points = await ReadSortedAsync(database, key, plan, range).ConfigureAwait(false);
            decimation = points.Count == 0
                ? new RawDecimation(0, 0, 0, [])
                : new RawDecimation(points.Count, points.Steps[0], points.Steps[^1],
                    EnvelopeDecimator.Decimate(points.Steps, points.TimesMs, points.Values, maxPoints));
        }
        Record(started);
        return decimation;
    }

    private static async Task<RawChunkPlan?> ReadPlanAsync(IDatabaseAsync database, RedisKey key, RawRange range)
    {
        byte[]? index = await database.HashGetAsync(key, RawPointChunk.IndexField).ConfigureAwait(false);
        return index is null ? null : RawChunkPlan.Select(index, range);
    }

    /// <summary>Every point of the range in columns sized from the index, sorted by step (points of one step in arrival order).</summary>
    private static async Task<RawPointBuffer> ReadSortedAsync(IDatabaseAsync database, RedisKey key, RawChunkPlan plan, RawRange range)
    {
        var points = new RawPointBuffer((int)Math.Min(plan.MaxPoints, Array.MaxLength));
        try
        {
            await foreach (var batch in RawChunkBatches.FetchAsync(database, key, plan.Chunks).ConfigureAwait(false))
            {
                foreach (var chunk in batch)
                {
                    if (!chunk.IsNull)
                    {
                        points.AppendInRange((byte[])chunk!, range);
                    }
                }
            }
            points.SortByStep();
            return points;
        }
        catch
        {
            points.Dispose();
            throw;
        }
    }

    private void Record(long started) =>
        metrics.HistoryQueries.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("source", "logdir"));
}
