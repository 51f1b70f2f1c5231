using System.Diagnostics;
using ClickHouse.Http;
using Contracts.Series;
using Microsoft.Extensions.Options;
using StreamApi.Telemetry;

namespace StreamApi.History;

/// <summary>
/// Reads full-resolution history of ClickHouse runs for <c>GET /metrics/{run_id}</c> and <c>GET /checkpoints/{run_id}</c>.
/// The run id and metric travel as external data, never in the SQL text, and every read is narrowed by the
/// primary key (run_id, metric, ...) so it costs the rows of that metric, not the table. A read never brings more
/// than <see cref="ClickHouseHistoryOptions.MaxRawRows"/> rows into the process; see <see cref="HistoryAggregation"/>.
/// </summary>
/// <exception cref="ClickHouseException">From every method: ClickHouse is unreachable, failed, or lacks the table (503).</exception>
public sealed partial class ClickHouseHistoryReader(ClickHouseHttpClient client, IOptions<ClickHouseHistoryOptions> options, StreamApiMetrics metrics)
{
    /// <summary>At most this many points come out of one aggregated bucket (first, min, max, first non-finite, last).</summary>
    private const int PointsPerBucket = 5;

    private const string RunOnly = "run_id IN (SELECT run_id FROM wanted)";
    private const string RunAndMetric = "run_id IN (SELECT run_id FROM wanted) AND metric IN (SELECT metric FROM wanted)";
    private const string KeyOrder = "ORDER BY run_id, metric, host, rank, device, step, event_time";

    private readonly ClickHouseHistoryOptions _options = options.Value;
    private volatile MetricTable? _table;

    public async Task<bool> RunExistsAsync(string runId, CancellationToken cancellationToken)
    {
        var table = await GetTableAsync(cancellationToken);
        return await ReadCountAsync(
            $"SELECT count() FROM (SELECT 1 FROM {table.QualifiedName} WHERE {RunOnly} LIMIT 1) FORMAT TabSeparated",
            Wanted(runId), cancellationToken) > 0;
    }

    /// <summary>The metric names of a run, in ordinal order; empty for an unknown run.</summary>
    public async Task<IReadOnlyList<string>> GetMetricsAsync(string runId, CancellationToken cancellationToken)
    {
        var table = await GetTableAsync(cancellationToken);
        var metrics = new List<string>();
        await ReadRowsAsync(
            $"SELECT DISTINCT metric FROM {table.QualifiedName} WHERE {RunOnly} ORDER BY metric FORMAT TabSeparated",
            Wanted(runId), (ref TabSeparatedFields fields, Utf8StringCache strings) => metrics.Add(fields.NextString(strings)), cancellationToken);
        return metrics;
    }

    public async Task<MetricHistory> ReadMetricAsync(MetricHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.FromStep ?? 0, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.ToStep ?? 0, nameof(query));
        var started = Stopwatch.GetTimestamp();
        var table = await GetTableAsync(cancellationToken);
        var wanted = Wanted(query.RunId, query.Metric);
        var where = Where(table, query);
        var plan = await ReadPlanAsync(table, where, wanted, cancellationToken);
        MetricHistory history;
        if (plan.Rows == 0)
        {
            history = await LookUpEmptyAsync(table, query, wanted, cancellationToken);
        }
        else
        {
            var raw = plan.Rows <= _options.MaxRawRows ? await ReadRawAsync(table, query, where, wanted, plan, cancellationToken) : null;
            history = raw ?? await ReadAggregatedAsync(table, query, where, wanted, plan, cancellationToken);
        }
        metrics.HistoryQueries.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("kind", history.Aggregation is null ? "raw" : "aggregated"));
        return history;
    }

    /// <summary>Every row of the run's <c>checkpoint_*</c> metrics, by step then time (at most MaxRawRows of them).</summary>
    public async Task<IReadOnlyList<CheckpointRow>> ReadCheckpointsAsync(string runId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var table = await GetTableAsync(cancellationToken);
        var checkpoints = new List<CheckpointRow>();
        // A key range rather than LIKE: '`' is the character after '_', so this is exactly the prefix "checkpoint_".
        await ReadRowsAsync(
            $"SELECT metric, host, rank, device, step, {table.TimeMs}, value FROM {table.QualifiedName} " +
            $"WHERE {RunOnly} AND metric >= 'checkpoint_' AND metric < 'checkpoint`' " +
            $"ORDER BY step, event_time, metric, host, rank, device LIMIT {Number(_options.MaxRawRows)} FORMAT TabSeparated",
            Wanted(runId),
            (ref TabSeparatedFields fields, Utf8StringCache strings) =>
            {
                var metric = fields.NextString(strings);
                var host = fields.NextString(strings);
                var rank = fields.NextUInt32();
                var device = fields.NextUInt16();
                var step = (long)Math.Min(fields.NextUInt64(), long.MaxValue);
                checkpoints.Add(new CheckpointRow(metric, step, fields.NextInt64(), fields.NextDouble(), host, rank, device));
            },
            cancellationToken);
        metrics.HistoryQueries.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("kind", "checkpoints"));
        return checkpoints;
    }

    private async Task<MetricHistory> LookUpEmptyAsync(MetricTable table, MetricHistoryQuery query, ExternalTable wanted, CancellationToken cancellationToken)
    {
        var metricRows = await ReadCountAsync(
            $"SELECT count() FROM (SELECT 1 FROM {table.QualifiedName} WHERE {RunAndMetric} LIMIT 1) FORMAT TabSeparated", wanted, cancellationToken);
        if (metricRows > 0)
        {
            return new MetricHistory { Lookup = HistoryLookup.Found, Series = [], RawPoints = 0 };
        }
        return MetricHistory.NotFound(await RunExistsAsync(query.RunId, cancellationToken) ? HistoryLookup.MetricNotFound : HistoryLookup.RunNotFound);
    }

    private async Task<Plan> ReadPlanAsync(MetricTable table, string where, ExternalTable wanted, CancellationToken cancellationToken)
    {
        var plan = default(Plan);
        await ReadRowsAsync(
            $"SELECT count(), uniqExact(host, rank, device), min(step), max(step), min({table.TimeMs}), max({table.TimeMs}) " +
            $"FROM {table.QualifiedName} WHERE {where} FORMAT TabSeparated",
            wanted,
            (ref TabSeparatedFields fields, Utf8StringCache _) => plan = new Plan(
                fields.NextInt64(), fields.NextInt64(), (long)Math.Min(fields.NextUInt64(), long.MaxValue),
                (long)Math.Min(fields.NextUInt64(), long.MaxValue), fields.NextInt64(), fields.NextInt64()),
            cancellationToken);
        return plan;
    }

    /// <summary>Null when rows arrived since the plan and the range no longer fits the bound.</summary>
    private async Task<MetricHistory?> ReadRawAsync(
        MetricTable table, MetricHistoryQuery query, string where, ExternalTable wanted, Plan plan, CancellationToken cancellationToken)
    {
        var series = new List<SeriesColumns>();
        SeriesColumns? current = null;
        var rows = 0L;
        var capacity = (int)Math.Min(plan.Rows / Math.Max(plan.Series, 1) + 16, 1 << 20);
        await ReadRowsAsync(
            $"SELECT host, rank, device, step, {table.TimeMs}, value FROM {table.QualifiedName} WHERE {where} {KeyOrder} " +
            $"LIMIT {Number(_options.MaxRawRows + 1L)} FORMAT TabSeparated",
            wanted,
            (ref TabSeparatedFields fields, Utf8StringCache strings) =>
            {
                var key = new SeriesKey(query.RunId, query.Metric, fields.NextString(strings), fields.NextUInt32(), fields.NextUInt16());
                if (current is null || !current.Key.Equals(key))
                {
                    current = new SeriesColumns(key, capacity, countNonFinite: false);
                    series.Add(current);
                }
                current.Add((long)Math.Min(fields.NextUInt64(), long.MaxValue), fields.NextInt64(), fields.NextDouble());
                rows++;
            },
            cancellationToken);
        if (rows > _options.MaxRawRows)
        {
            return null;
        }
        return new MetricHistory { Lookup = HistoryLookup.Found, Series = Finish(series), RawPoints = rows };
    }

    private static List<HistorySeries> Finish(List<SeriesColumns> series) =>
        series.Select(columns => columns.ToSeries()).ToList();

    private delegate void RowReader(ref TabSeparatedFields fields, Utf8StringCache strings);

    private readonly record struct Plan(long Rows, long Series, long MinStep, long MaxStep, long MinTimeMs, long MaxTimeMs);
}
