using ClickHouse.Http;
using Contracts.Series;
using Contracts.Wire;
using Decimation;
using StreamApi.History;
using StreamApi.RawHistory;
using StreamApi.Runs;

namespace StreamApi.TrainingMetrics;

/// <summary>
/// Reads one metric of one run at full resolution from where the run's data lives (ClickHouse, or the ingestor's
/// full-resolution copy of log-directory series in Redis) and decimates each series to the asked number of points
/// with the same LTTB-with-envelope as the live view.
/// </summary>
public sealed class MetricHistoryService(RunCatalog runs, RawHistoryReader raw, HistoryFailures failures, IServiceProvider services)
{
    private readonly ClickHouseHistoryReader? _clickHouse = services.GetService<ClickHouseHistoryReader>();

    public async Task<HistoryOutcome<MetricsResponse>> ReadAsync(string runId, MetricsRequest request, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(runId) is not { } run)
        {
            return HistoryOutcome<MetricsResponse>.Missing($"There is no run '{runId}'.");
        }
        return run.Source == RunSource.ClickHouse
            ? await FromClickHouseAsync(runId, request, cancellationToken)
            : await FromRawCopyAsync(runId, request);
    }

    private async Task<HistoryOutcome<MetricsResponse>> FromClickHouseAsync(string runId, MetricsRequest request, CancellationToken cancellationToken)
    {
        if (_clickHouse is null)
        {
            return HistoryOutcome<MetricsResponse>.Down(
                $"Run '{runId}' lives in ClickHouse, and this StreamApi has no ConnectionStrings__clickhouse to read it from.");
        }
        MetricHistory history;
        try
        {
            history = await _clickHouse.ReadMetricAsync(
                new MetricHistoryQuery(runId, request.Metric)
                {
                    FromStep = request.FromStep,
                    ToStep = request.ToStep,
                    FromTimeMs = request.FromTimeMs,
                    ToTimeMs = request.ToTimeMs,
                },
                cancellationToken);
        }
        catch (ClickHouseException exception)
        {
            return HistoryOutcome<MetricsResponse>.Down(failures.Report(exception, runId, $"metric '{request.Metric}'"));
        }
        return history.Lookup switch
        {
            HistoryLookup.RunNotFound => HistoryOutcome<MetricsResponse>.Missing($"ClickHouse has no rows of run '{runId}'."),
            HistoryLookup.MetricNotFound => HistoryOutcome<MetricsResponse>.Missing($"Run '{runId}' has no metric '{request.Metric}'."),
            _ => HistoryOutcome<MetricsResponse>.Found(new MetricsResponse(
                runId, request.Metric, request.FromStep, request.ToStep, history.RawPoints, history.Aggregation is not null,
                [.. history.Series.Select(series => Decimate(series.Key, series.Steps.Span, series.TimesMs.Span, series.Values.Span, series.NonFiniteCounts.Span, request.MaxPoints))])),
        };
    }

    private async Task<HistoryOutcome<MetricsResponse>> FromRawCopyAsync(string runId, MetricsRequest request)
    {
        var seriesIds = (await raw.ListSeriesAsync(runId)).Keys
            .Where(seriesId => SeriesOfMetric(seriesId, request.Metric))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (seriesIds.Count == 0)
        {
            return HistoryOutcome<MetricsResponse>.Missing($"Run '{runId}' has no metric '{request.Metric}'.");
        }
        var range = new RawRange(
            request.FromStep ?? long.MinValue, request.ToStep ?? long.MaxValue,
            request.FromTimeMs ?? long.MinValue, request.ToTimeMs ?? long.MaxValue);
        var series = new List<SeriesPoints>(seriesIds.Count);
        long rawPoints = 0;
        foreach (var seriesId in seriesIds)
        {
            if (await raw.DecimateAsync(runId, seriesId, range, request.MaxPoints) is { } decimation)
            {
                rawPoints += decimation.RawCount;
                var span = decimation.RawCount == 0 ? 1 : decimation.LastStep - decimation.FirstStep + 1;
                series.Add(DecimatedColumns.From(decimation.Points).ToSeriesPoints(new SeriesKey(runId, request.Metric), seriesId,
                    totalPoints: decimation.RawCount, BucketWidth(decimation.RawCount, span, decimation.Points.Length)));
            }
        }
        return HistoryOutcome<MetricsResponse>.Found(
            new MetricsResponse(runId, request.Metric, request.FromStep, request.ToStep, rawPoints, Aggregated: false, [.. series]));
    }

    /// <summary>A series id is its metric name, alone or followed by its labels in braces.</summary>
    private static bool SeriesOfMetric(string seriesId, string metric) =>
        seriesId.StartsWith(metric, StringComparison.Ordinal) && (seriesId.Length == metric.Length || seriesId[metric.Length] == '{');

    private static SeriesPoints Decimate(
        SeriesKey key, ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values,
        ReadOnlySpan<int> nonFiniteWeights, int maxPoints)
    {
        var points = EnvelopeDecimator.Decimate(steps, timesMs, values, maxPoints, nonFiniteWeights);
        var span = steps.IsEmpty ? 1 : steps[^1] - steps[0] + 1;
        return DecimatedColumns.From(points).ToSeriesPoints(key, key.SeriesId, totalPoints: steps.Length, BucketWidth(steps.Length, span, points.Length));
    }

    /// <summary>The steps one decimated point stands for on average: 1 while every raw point is shown.</summary>
    private static long BucketWidth(long rawPoints, long stepSpan, int points) =>
        points < rawPoints ? Math.Max(1, (stepSpan + points - 1) / Math.Max(1, points)) : 1;
}
