using System.Text.Json;
using Contracts.Analytics;
using Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StreamApi.Analytics;

/// <summary>
/// Reads the loss analytics the ingestor keeps in Redis. Stored JSON that is served as is comes back as bytes;
/// Redis failures propagate (the endpoints answer 503).
/// </summary>
public sealed class LossAnalyticsReader(IConnectionMultiplexer redis, RedisKeys keys, IOptions<LossAnalyticsOptions> options, TimeProvider time)
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

    /// <summary>Every timestep of the run, oldest first (the stored spelling sorts as time does).</summary>
    public async Task<string[]> GetTimestepsAsync(string runId)
    {
        var fields = await redis.GetDatabase().HashKeysAsync(keys.LossTimestepSummaries(runId)).ConfigureAwait(false);
        var timesteps = Array.ConvertAll(fields, f => f.ToString());
        Array.Sort(timesteps, StringComparer.Ordinal);
        return timesteps;
    }

    /// <summary>The summaries of the newest <paramref name="limit"/> timesteps, oldest first.</summary>
    public async Task<TimestepSummary[]> GetHistoryAsync(string runId, int limit)
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
        var summaries = new List<TimestepSummary>(values.Length);
        foreach (var value in values)
        {
            if (!value.IsNull && JsonSerializer.Deserialize((byte[])value!, AnalyticsJsonContext.Default.TimestepSummary) is { } summary)
            {
                summaries.Add(summary);
            }
        }
        return [.. summaries];
    }

    /// <summary>A timestep with its batch losses, as stored JSON; null when the run has no such timestep.</summary>
    public async Task<byte[]?> GetTimestepJsonAsync(string runId, DateTime timestep) =>
        await redis.GetDatabase().HashGetAsync(keys.LossTimestepDetails(runId), TimestepFormat.Format(timestep)).ConfigureAwait(false);

    public async Task<LogDirectoryHealth?> GetHealthAsync()
    {
        byte[]? json = await redis.GetDatabase().StringGetAsync(keys.LogDirectoryHealth).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize(json, AnalyticsJsonContext.Default.LogDirectoryHealth);
    }
}
