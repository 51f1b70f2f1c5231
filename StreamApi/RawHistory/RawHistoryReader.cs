using System.Diagnostics;
using System.Globalization;
using Contracts.Redis;
using StackExchange.Redis;
using StreamApi.Telemetry;

namespace StreamApi.RawHistory;

/// <summary>
/// Reads the full-resolution copy of log-directory series that the ingestor keeps in Redis
/// (<see cref="RedisKeys.RunRaw"/>, layout <see cref="RawPointChunk"/>), fetching only the chunks a range touches.
/// Redis failures propagate (a dead dependency is not an empty result).
/// </summary>
public sealed class RawHistoryReader(IConnectionMultiplexer redis, RedisKeys keys, StreamApiMetrics metrics)
{
    /// <summary>The series ids of a run with their point counts; empty when the run has no full-resolution data.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ListSeriesAsync(string runId)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.RunRawSeries(runId)).ConfigureAwait(false);
        var series = new Dictionary<string, long>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            series[entry.Name!] = long.TryParse(entry.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
        }
        return series;
    }

    /// <summary>The points of one series within <paramref name="range"/>, or null when the series does not exist.</summary>
    public async Task<RawColumns?> ReadAsync(string runId, string seriesId, RawRange range)
    {
        var started = Stopwatch.GetTimestamp();
        var database = redis.GetDatabase();
        var key = keys.RunRaw(runId, seriesId);
        byte[]? index = await database.HashGetAsync(key, RawPointChunk.IndexField).ConfigureAwait(false);
        if (index is null)
        {
            return null;
        }

        var wanted = new List<RedisValue>();
        for (var chunk = 0; chunk < index.Length / RawPointChunk.IndexEntrySize; chunk++)
        {
            var extent = RawPointChunk.ReadIndexEntry(index.AsSpan(chunk * RawPointChunk.IndexEntrySize));
            if (extent.Overlaps(range.FromStep, range.ToStep, range.FromTimeMs, range.ToTimeMs))
            {
                wanted.Add(RawPointChunk.ChunkField(chunk));
            }
        }
        var chunks = wanted.Count == 0 ? [] : await database.HashGetAsync(key, [.. wanted]).ConfigureAwait(false);

        var steps = new List<long>();
        var times = new List<long>();
        var values = new List<double>();
        foreach (var chunk in chunks)
        {
            byte[]? bytes = chunk;
            if (bytes is null)
            {
                continue;
            }
            for (var offset = 0; offset + RawPointChunk.RecordSize <= bytes.Length; offset += RawPointChunk.RecordSize)
            {
                var (step, timeMs, value) = RawPointChunk.Read(bytes.AsSpan(offset));
                if (range.Contains(step, timeMs))
                {
                    steps.Add(step);
                    times.Add(timeMs);
                    values.Add(value);
                }
            }
        }

        var columns = SortByStep([.. steps], [.. times], [.. values]);
        metrics.HistoryQueries.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("source", "logdir"));
        return columns;
    }

    private static RawColumns SortByStep(long[] steps, long[] times, double[] values)
    {
        for (var i = 1; i < steps.Length; i++)
        {
            if (steps[i] < steps[i - 1])
            {
                var order = Enumerable.Range(0, steps.Length).OrderBy(j => steps[j]).ToArray();
                return new RawColumns(
                    [.. order.Select(j => steps[j])], [.. order.Select(j => times[j])], [.. order.Select(j => values[j])]);
            }
        }
        return new RawColumns(steps, times, values);
    }
}
