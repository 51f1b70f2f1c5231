using System.Text.Json;
using Contracts.Analytics;
using Contracts.Redis;
using Contracts.Series;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StreamApi.RawHistory;

namespace StreamApi.Analytics;

/// <summary>
/// Reads the loss analytics the ingestor keeps in Redis. Stored JSON that is served as is comes back as bytes;
/// Redis failures propagate (the endpoints answer 503).
/// </summary>
public sealed class LossAnalyticsReader(
    IConnectionMultiplexer redis, RedisKeys keys, RawHistoryReader history, IOptions<LossAnalyticsOptions> options, TimeProvider time)
{
    /// <summary>
    /// The status of <paramref name="runId"/>, or of the most recently updated log-directory run when it is
    /// null; null when there is no such run.
    /// </summary>
    public async Task<LossStatus?> GetStatusAsync(string? runId)
    {
        var database = redis.GetDatabase();
        LossStatus? status;
        if (runId is not null)
        {
            byte[]? json = await database.HashGetAsync(keys.LogDirectoryRuns, runId).ConfigureAwait(false);
            status = json is null ? null : JsonSerializer.Deserialize(json, AnalyticsJsonContext.Default.LossStatus);
        }
        else
        {
            status = null;
            foreach (var entry in await database.HashGetAllAsync(keys.LogDirectoryRuns).ConfigureAwait(false))
            {
                var candidate = JsonSerializer.Deserialize((byte[])entry.Value!, AnalyticsJsonContext.Default.LossStatus);
                if (candidate is not null && (status is null || candidate.LastUpdate > status.LastUpdate
                    || (candidate.LastUpdate == status.LastUpdate && string.CompareOrdinal(candidate.RunId, status.RunId) > 0)))
                {
                    status = candidate;
                }
            }
        }
        return status is null ? null : status with { IsActive = time.GetUtcNow() - status.LastUpdate < options.Value.ActiveWindow };
    }

    public async Task<byte[]?> GetStatisticsJsonAsync(string runId) =>
        await redis.GetDatabase().StringGetAsync(keys.LossStatistics(runId)).ConfigureAwait(false);

    /// <summary>Every timestep of the run as its UTF-8 name, oldest first (the stored spelling sorts as time does, byte by byte).</summary>
    public async Task<byte[][]> GetTimestepsAsync(string runId)
    {
        var fields = await redis.GetDatabase().HashKeysAsync(keys.LossTimestepSummaries(runId)).ConfigureAwait(false);
        var timesteps = new byte[fields.Length][];
        for (var i = 0; i < fields.Length; i++)
        {
            timesteps[i] = (byte[])fields[i]!;
        }
        Array.Sort(timesteps, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return timesteps;
    }

    /// <summary>The stored summary JSON of the newest <paramref name="limit"/> timesteps, oldest first.</summary>
    public async Task<byte[][]> GetHistoryJsonAsync(string runId, int limit)
    {
        var timesteps = await GetTimestepsAsync(runId).ConfigureAwait(false);
        var newest = timesteps.AsSpan(Math.Max(0, timesteps.Length - limit));
        if (newest.IsEmpty)
        {
            return [];
        }
        var fields = new RedisValue[newest.Length];
        for (var i = 0; i < newest.Length; i++)
        {
            fields[i] = newest[i];
        }
        var values = await redis.GetDatabase().HashGetAsync(keys.LossTimestepSummaries(runId), fields).ConfigureAwait(false);
        var present = 0;
        foreach (var value in values)
        {
            present += value.IsNull ? 0 : 1;
        }
        // A timestep can vanish between the two reads only when its run's data is being replaced; leave it out.
        var summaries = new byte[present][];
        for (int i = 0, j = 0; i < values.Length; i++)
        {
            if (!values[i].IsNull)
            {
                summaries[j++] = (byte[])values[i]!;
            }
        }
        return summaries;
    }

    /// <summary>
    /// A timestep with its batch losses as JSON: its stored summary, and its losses read from the run's batch-loss
    /// series at the steps the summary names (the ingestor writes a summary only once those are in Redis). Null when
    /// the run has no such timestep.
    /// </summary>
    public async Task<byte[]?> GetTimestepJsonAsync(string runId, DateTime timestep)
    {
        byte[]? json = await redis.GetDatabase().HashGetAsync(keys.LossTimestepSummaries(runId), TimestepFormat.Format(timestep)).ConfigureAwait(false);
        if (json is null || JsonSerializer.Deserialize(json, AnalyticsJsonContext.Default.TimestepSummary) is not { } summary)
        {
            return null;
        }
        double[] losses = [];
        if (summary is { FirstStep: { } first, Batches: > 0 and var batches })
        {
            var points = await history.ReadAsync(runId, LossSeries.BatchLoss, new RawRange(first, first + batches - 1)).ConfigureAwait(false);
            losses = points?.Values ?? [];
        }
        return JsonSerializer.SerializeToUtf8Bytes(TimestepDetail.From(runId, summary, losses), AnalyticsJsonContext.Default.TimestepDetail);
    }

    /// <summary>
    /// The ingestor's log-directory health with the sources it is configured to read, or null while it has reported
    /// neither. Without a log-directory source the answer has no directories, and its status is
    /// <see cref="LogDirectoryHealth.Unconfigured"/> when there is no source at all (a log-directory report left from an
    /// earlier configuration is not shown then).
    /// </summary>
    public async Task<LogDirectoryHealth?> GetHealthAsync()
    {
        var values = await redis.GetDatabase().StringGetAsync([keys.LogDirectoryHealth, keys.IngestorSources]).ConfigureAwait(false);
        var health = values[0].IsNull ? null : JsonSerializer.Deserialize((byte[])values[0]!, AnalyticsJsonContext.Default.LogDirectoryHealth);
        if (values[1].IsNull)
        {
            // An ingestor that does not report its sources yet: a log-directory report says that source is there.
            return health is null ? null : health with { ConfiguredSources = [RunSource.LogDirectory] };
        }
        var sources = ((string)values[1]!).Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (!sources.Contains(RunSource.LogDirectory))
        {
            health = null;
        }
        var status = sources.Length == 0 ? LogDirectoryHealth.Unconfigured
            : sources.Contains(RunSource.LogDirectory) ? LogDirectoryHealth.Starting
            : LogDirectoryHealth.Healthy;
        return (health ?? new LogDirectoryHealth { Status = status, Runs = 0, Files = 0, MalformedLines = 0, CorruptRecords = 0, Directories = [] })
            with { ConfiguredSources = sources };
    }
}
