using ClickHouse.Http;
using Contracts.Series;

namespace StreamApi.History;

/// <summary>Ranges too large to bring in raw: bucketed in ClickHouse, the envelope, ends and non-finite counts kept.</summary>
public sealed partial class ClickHouseHistoryReader
{
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
        const string Finite = "isFinite(value)";
        const string NonFinite = "NOT isFinite(value)";
        // Per bucket: first and last row along the axis, the rows of the finite min and max, the first non-finite row.
        var sql = $"""
            SELECT host, rank, device, intDiv({axis} - {Number(origin)}, {Number(width)}) AS bucket,
              argMin(step, {axis}), argMin({time}, {axis}), argMin(value, {axis}),
              argMax(step, {axis}), argMax({time}, {axis}), argMax(value, {axis}),
              countIf({Finite}),
              argMinIf(step, value, {Finite}), argMinIf({time}, value, {Finite}), minIf(value, {Finite}),
              argMaxIf(step, value, {Finite}), argMaxIf({time}, value, {Finite}), maxIf(value, {Finite}),
              countIf({NonFinite}),
              argMinIf(step, {axis}, {NonFinite}), argMinIf({time}, {axis}, {NonFinite}), argMinIf(value, {axis}, {NonFinite})
            FROM {table.QualifiedName} WHERE {where}
            GROUP BY host, rank, device, bucket ORDER BY host, rank, device, bucket FORMAT TabSeparated
            """;

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

    private readonly record struct BucketPoint(long Step, long TimeMs, double Value, int NonFinite);
}
