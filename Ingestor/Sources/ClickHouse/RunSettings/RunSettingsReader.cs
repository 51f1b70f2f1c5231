using ClickHouse.Http;
using Ingestor.Telemetry;

namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>
/// Reads runs' config (<c>tags_json</c>) and units into the <see cref="RunTracker"/>, at start over the whole table and
/// afterwards over the recent rows, with the run metadata. A tags_json that is malformed, too long, or brings keys
/// beyond the limit is counted (<c>dashboard.ingestor.source_errors</c>) and logged once, and the rest goes on.
/// A table without the optional columns has no config or units.
/// </summary>
public sealed partial class RunSettingsReader(ClickHouseHttpClient client, ClickHouseSourceOptions options, IngestorMetrics metrics, ILogger logger)
{
    private readonly ConfigLimits _limits = ConfigLimits.From(options);
    private bool _readWholeTable;

    /// <summary>
    /// Merges what the rows since <paramref name="sinceMs"/> (all rows when null) say. Config and units are extras: a
    /// failed read is logged and counted (<c>kind=settings_query</c>) and left for the next interval, so it never holds
    /// up the points. Until one read of the whole table went through, every read is of the whole table, so a failed
    /// first read does not leave the older runs without their config.
    /// </summary>
    public async Task ReadAsync(MetricTable table, long? sinceMs, RunTracker runs, Utf8StringCache strings, CancellationToken stoppingToken)
    {
        var since = _readWholeTable ? sinceMs : null;
        try
        {
            if (table.HasTags)
            {
                using var deadline = new QueryDeadline(options.QueryTimeout, stoppingToken);
                foreach (var tags in await RunSettingsQuery.ReadTagSetsAsync(client, table, since, options.MaxTagsJsonLength, strings, deadline))
                {
                    if (runs.ApplyTags(tags, _limits) is not TagSetProblem.None and var problem)
                    {
                        Report(tags, problem);
                    }
                }
            }
            if (table.HasUnit)
            {
                using var deadline = new QueryDeadline(options.QueryTimeout, stoppingToken);
                foreach (var unit in await RunSettingsQuery.ReadUnitsAsync(client, table, since, strings, deadline))
                {
                    runs.ApplyUnit(unit);
                }
            }
            _readWholeTable |= since is null;
        }
        catch (Exception exception) when (exception is ClickHouseException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            metrics.SourceErrors.Add(1, ClickHouseSource.SourceTag, new KeyValuePair<string, object?>("kind", "settings_query"));
            Log.ReadFailed(logger, exception);
        }
    }

    private void Report(TagSet tags, TagSetProblem problem)
    {
        var kind = problem switch
        {
            TagSetProblem.Malformed => "malformed_tags",
            TagSetProblem.Oversized => "oversized_tags",
            _ => "config_keys_capped",
        };
        metrics.SourceErrors.Add(1, ClickHouseSource.SourceTag, new KeyValuePair<string, object?>("kind", kind));
        var shown = tags.Json is null ? $"longer than {options.MaxTagsJsonLength} bytes" : Preview(tags.Json);
        Log.TagsRejected(logger, tags.RunId, kind, shown, options.MaxConfigKeys, options.MaxConfigValueLength);
    }

    private static string Preview(string json) => json.Length <= 200 ? json : json[..200] + "…";

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning,
            "Run {RunId}: tags_json skipped in whole or part ({Kind}; at most {MaxKeys} keys per run, keys and values up to {MaxLength} characters): {Tags}")]
        public static partial void TagsRejected(ILogger logger, string runId, string kind, string tags, int maxKeys, int maxLength);

        [LoggerMessage(21, LogLevel.Warning, "Reading runs' config and units from ClickHouse failed; the points go on, and it is read again at the next run-metadata interval")]
        public static partial void ReadFailed(ILogger logger, Exception exception);
    }
}
