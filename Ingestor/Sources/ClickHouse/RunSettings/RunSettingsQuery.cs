using System.Globalization;
using ClickHouse.Http;

namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>
/// The queries behind a run's config and units, run beside the run metadata query (over the whole table once at start,
/// then over the recent rows every run-metadata interval). Both group in ClickHouse, so what comes back is one row per
/// distinct tags_json or per metric, not per data row; neither runs on a poll.
/// </summary>
public static class RunSettingsQuery
{
    /// <summary>Only the newest this many distinct tags_json of each run are read per query.</summary>
    public const int MaxTagSetsPerRun = 256;

    /// <summary>
    /// A tags_json that is nothing but a milestone name describes its point, not the run: not read for config. The regular
    /// expression runs only on the rows that mention a milestone at all (a substring search first).
    /// </summary>
    private const string MilestoneOnly = """'^\\s*\\{\\s*"milestone"\\s*:\\s*"([^"\\\\]|\\\\.)*"\\s*\\}\\s*$'""";

    /// <summary>Distinct tags_json per run with the newest time each was written, oldest first (the order to merge them in).</summary>
    public static async Task<List<TagSet>> ReadTagSetsAsync(
        ClickHouseHttpClient client, MetricTable table, long? sinceMs, int maxLength, Utf8StringCache strings, QueryDeadline deadline)
    {
        var since = sinceMs is { } ms ? " AND " + table.TimeAtLeast(ms) : "";
        var max = maxLength.ToString(CultureInfo.InvariantCulture);
        var sql = $"SELECT run_id, length(tags_json) > {max} AS oversized, if(oversized, '', tags_json) AS tags, max({table.TimeMs}) AS newest " +
                  $"FROM {table.QualifiedName} WHERE tags_json != ''{since} AND (position(tags_json, '\"milestone\"') = 0 OR NOT match(tags_json, {MilestoneOnly})) " +
                  $"GROUP BY run_id, oversized, tags ORDER BY run_id, newest DESC, tags LIMIT {MaxTagSetsPerRun} BY run_id FORMAT TabSeparated";
        var tagSets = new List<TagSet>();
        var tagStrings = new Utf8StringCache(256);
        await using var response = await client.QueryAsync(sql, cancellationToken: deadline.Token);
        while (await response.Rows.ReadMoreAsync(deadline.Restart()))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                var runId = fields.NextString(strings);
                var oversized = fields.NextUInt64() != 0;
                var json = fields.NextString(tagStrings);
                tagSets.Add(new TagSet(runId, oversized ? null : json, fields.NextInt64()));
                fields.End();
            }
        }
        tagSets.Reverse();
        return tagSets;
    }

    /// <summary>The newest non-empty unit of each metric of each run.</summary>
    public static async Task<List<UnitSighting>> ReadUnitsAsync(
        ClickHouseHttpClient client, MetricTable table, long? sinceMs, Utf8StringCache strings, QueryDeadline deadline)
    {
        var since = sinceMs is { } ms ? " AND " + table.TimeAtLeast(ms) : "";
        var sql = $"SELECT run_id, metric, argMax(unit, {table.TimeMs}), max({table.TimeMs}) FROM {table.QualifiedName} " +
                  $"WHERE unit != ''{since} GROUP BY run_id, metric FORMAT TabSeparated";
        var units = new List<UnitSighting>();
        await using var response = await client.QueryAsync(sql, cancellationToken: deadline.Token);
        while (await response.Rows.ReadMoreAsync(deadline.Restart()))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                units.Add(new UnitSighting(fields.NextString(strings), fields.NextString(strings), fields.NextString(strings), fields.NextInt64()));
                fields.End();
            }
        }
        return units;
    }
}
