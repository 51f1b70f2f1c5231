using System.Diagnostics;
using System.Globalization;
using System.Text;
using Contracts.ClickHouse;
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
public sealed class ClickHouseHistoryReader(ClickHouseHttpClient client, IOptions<ClickHouseHistoryOptions> options, StreamApiMetrics metrics)
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
    public async Task<IReadOnlyList<CheckpointEvent>> ReadCheckpointsAsync(string runId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var table = await GetTableAsync(cancellationToken);
        var checkpoints = new List<CheckpointEvent>();
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
                checkpoints.Add(new CheckpointEvent(metric, step, fields.NextInt64(), fields.NextDouble(), host, rank, device));
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

    private async Task<MetricHistory> ReadAggregatedAsync(
        MetricTable table, MetricHistoryQuery query, string where, ExternalTable wanted, Plan plan, CancellationToken cancellationToken)
    {
        var byStep = plan.MaxStep > plan.MinStep;
        var axis = byStep ? "toInt64(step)" : table.TimeMs;
        var origin = byStep ? plan.MinStep : plan.MinTimeMs;
        var span = (byStep ? plan.MaxStep - plan.MinStep : plan.MaxTimeMs - plan.MinTimeMs) + 1;
        var bucketsPerSeries = Math.Max(1, _options.MaxRawRows / PointsPerBucket / Math.Max(plan.Series, 1));
        var width = Math.Max(1, (span + bucketsPerSeries - 1) / bucketsPerSeries);
        var time = table.TimeMs;
        var sql = new StringBuilder()
            .Append("SELECT host, rank, device, intDiv(").Append(axis).Append(" - ").Append(Number(origin)).Append(", ").Append(Number(width)).Append(") AS bucket, ")
            .Append("argMin(step, ").Append(axis).Append("), argMin(").Append(time).Append(", ").Append(axis).Append("), argMin(value, ").Append(axis).Append("), ")
            .Append("argMax(step, ").Append(axis).Append("), argMax(").Append(time).Append(", ").Append(axis).Append("), argMax(value, ").Append(axis).Append("), ")
            .Append("countIf(isFinite(value)), ")
            .Append("argMinIf(step, value, isFinite(value)), argMinIf(").Append(time).Append(", value, isFinite(value)), minIf(value, isFinite(value)), ")
            .Append("argMaxIf(step, value, isFinite(value)), argMaxIf(").Append(time).Append(", value, isFinite(value)), maxIf(value, isFinite(value)), ")
            .Append("countIf(NOT isFinite(value)), ")
            .Append("argMinIf(step, ").Append(axis).Append(", NOT isFinite(value)), argMinIf(").Append(time).Append(", ").Append(axis)
            .Append(", NOT isFinite(value)), argMinIf(value, ").Append(axis).Append(", NOT isFinite(value)) ")
            .Append("FROM ").Append(table.QualifiedName).Append(" WHERE ").Append(where)
            .Append(" GROUP BY host, rank, device, bucket ORDER BY host, rank, device, bucket FORMAT TabSeparated")
            .ToString();

        var series = new List<SeriesColumns>();
        SeriesColumns? current = null;
        var points = new BucketPoint[PointsPerBucket];
        var capacity = (int)Math.Min(bucketsPerSeries * PointsPerBucket, 1 << 20);
        await ReadRowsAsync(sql, wanted, (ref TabSeparatedFields fields, Utf8StringCache strings) =>
        {
            var key = new SeriesKey(query.RunId, query.Metric, fields.NextString(strings), fields.NextUInt32(), fields.NextUInt16());
            if (current is null || !current.Key.Equals(key))
            {
                current = new SeriesColumns(key, capacity, countNonFinite: true);
                series.Add(current);
            }
            fields.Next();
            var count = 0;
            var first = ReadPoint(ref fields);
            var last = ReadPoint(ref fields);
            var finite = fields.NextInt64();
            var min = ReadPoint(ref fields);
            var max = ReadPoint(ref fields);
            var nonFinite = (int)Math.Min(fields.NextInt64(), int.MaxValue);
            var firstNonFinite = ReadPoint(ref fields);
            points[count++] = first;
            if (finite > 0)
            {
                points[count++] = min;
                points[count++] = max;
            }
            if (nonFinite > 0)
            {
                points[count++] = firstNonFinite with { NonFinite = nonFinite };
            }
            points[count++] = last;
            AddBucket(current, points.AsSpan(0, count));
        }, cancellationToken);
        return new MetricHistory
        {
            Lookup = HistoryLookup.Found,
            Series = Finish(series),
            RawPoints = plan.Rows,
            Aggregation = new HistoryAggregation(byStep ? HistoryAxis.Step : HistoryAxis.Time, width),
        };
    }

    private static BucketPoint ReadPoint(ref TabSeparatedFields fields) =>
        new((long)Math.Min(fields.NextUInt64(), long.MaxValue), fields.NextInt64(), fields.NextDouble(), 0);

    /// <summary>Adds a bucket's points in step then time order, once each; a non-finite count rides on the point it names.</summary>
    private static void AddBucket(SeriesColumns columns, Span<BucketPoint> points)
    {
        points.Sort(static (a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.TimeMs.CompareTo(b.TimeMs));
        for (var i = 0; i < points.Length; i++)
        {
            var point = points[i];
            var nonFinite = point.NonFinite;
            while (i + 1 < points.Length && points[i + 1].Step == point.Step && points[i + 1].TimeMs == point.TimeMs && SameValue(points[i + 1].Value, point.Value))
            {
                nonFinite = Math.Max(nonFinite, points[++i].NonFinite);
            }
            columns.Add(point.Step, point.TimeMs, point.Value, nonFinite);
        }
    }

    private static bool SameValue(double a, double b) => a.Equals(b);

    private static List<HistorySeries> Finish(List<SeriesColumns> series) =>
        series.Select(columns => columns.ToSeries()).ToList();

    private async Task<MetricTable> GetTableAsync(CancellationToken cancellationToken)
    {
        if (_table is { } table)
        {
            return table;
        }
        using var deadline = Deadline(cancellationToken);
        return _table = await MetricTable.OpenAsync(client, _options.Table, deadline.Token);
    }

    private async Task<long> ReadCountAsync(string sql, ExternalTable wanted, CancellationToken cancellationToken)
    {
        var count = 0L;
        await ReadRowsAsync(sql, wanted, (ref TabSeparatedFields fields, Utf8StringCache _) => count = fields.NextInt64(), cancellationToken);
        return count;
    }

    private async Task ReadRowsAsync(string sql, ExternalTable wanted, RowReader read, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            await using var response = await client.QueryAsync(sql, [wanted], deadline.Token);
            var strings = new Utf8StringCache(256);
            while (await response.Rows.ReadMoreAsync(Restart(deadline)))
            {
                ReadBuffered(response.Rows, read, strings);
            }
        }
        catch (ClickHouseException exception) when (exception.IsUnknownTable)
        {
            _table = null;
            throw;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException($"ClickHouse did not answer within {_options.QueryTimeout.TotalSeconds:F0} s", innerException: exception);
        }
    }

    private static void ReadBuffered(TabSeparatedReader rows, RowReader read, Utf8StringCache strings)
    {
        while (rows.TryReadLine(out var line))
        {
            var fields = new TabSeparatedFields(line);
            read(ref fields, strings);
            fields.End();
        }
    }

    /// <summary>The timeout counts from the last piece of the answer, so only a stuck query is cut off.</summary>
    private CancellationToken Restart(CancellationTokenSource deadline)
    {
        deadline.CancelAfter(_options.QueryTimeout);
        return deadline.Token;
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.QueryTimeout);
        return deadline;
    }

    private static string Where(MetricTable table, MetricHistoryQuery query)
    {
        var where = new StringBuilder(RunAndMetric);
        if (query.FromStep is { } fromStep)
        {
            where.Append(" AND step >= ").Append(Number(fromStep));
        }
        if (query.ToStep is { } toStep)
        {
            where.Append(" AND step <= ").Append(Number(toStep));
        }
        if (query.FromTimeMs is { } fromTime)
        {
            where.Append(" AND ").Append(table.TimeAtLeast(fromTime));
        }
        if (query.ToTimeMs is { } toTime)
        {
            where.Append(" AND ").Append(table.TimeAtMost(toTime));
        }
        return where.ToString();
    }

    private static ExternalTable Wanted(string runId) => ExternalTable.Of("wanted", "run_id String", runId);

    private static ExternalTable Wanted(string runId, string metric) => ExternalTable.Of("wanted", "run_id String, metric String", runId, metric);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private delegate void RowReader(ref TabSeparatedFields fields, Utf8StringCache strings);

    private readonly record struct Plan(long Rows, long Series, long MinStep, long MaxStep, long MinTimeMs, long MaxTimeMs);

    private readonly record struct BucketPoint(long Step, long TimeMs, double Value, int NonFinite);
}
