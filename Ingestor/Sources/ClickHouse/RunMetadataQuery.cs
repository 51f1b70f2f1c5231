using ClickHouse.Http;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// The seed's run metadata query, <c>GROUP BY run_id</c>: first and last event time, latest step and series
/// count per run. Over the whole table once at start; afterwards only over the recent rows (the active window
/// plus the late-arrival window), whose aggregates merge into what is known (min/max only grow).
/// </summary>
public static class RunMetadataQuery
{
    public static async Task<List<RunSummary>> ReadAsync(
        ClickHouseHttpClient client, MetricTable table, long? sinceMs, Utf8StringCache strings, QueryDeadline deadline)
    {
        var where = sinceMs is { } since ? " WHERE " + table.TimeAtLeast(since) : "";
        var sql = $"SELECT run_id, min({table.TimeMs}), max({table.TimeMs}), max(step), uniqExact(metric, host, rank, device) " +
                  $"FROM {table.QualifiedName}{where} GROUP BY run_id FORMAT TabSeparated";
        var summaries = new List<RunSummary>();
        await using var response = await client.QueryAsync(sql, cancellationToken: deadline.Token);
        while (await response.Rows.ReadMoreAsync(deadline.Restart()))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                summaries.Add(new RunSummary(
                    fields.NextString(strings),
                    fields.NextInt64(),
                    fields.NextInt64(),
                    (long)Math.Min(fields.NextUInt64(), long.MaxValue),
                    (int)Math.Min(fields.NextUInt64(), int.MaxValue)));
                fields.End();
            }
        }
        return summaries;
    }
}
