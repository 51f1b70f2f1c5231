using ClickHouse.Http;
using Contracts.Series;
using Contracts.Wire;
using StreamApi.History;
using StreamApi.RawHistory;
using StreamApi.Runs;
using StreamApi.TrainingMetrics;

namespace StreamApi.Checkpoints;

/// <summary>Every checkpoint event of a run, from ClickHouse or from the log directory's full-resolution copy.</summary>
public sealed class CheckpointService(RunCatalog runs, RawHistoryReader raw, HistoryFailures failures, IServiceProvider services)
{
    public const string MetricPrefix = "checkpoint_";

    private readonly ClickHouseHistoryReader? _clickHouse = services.GetService<ClickHouseHistoryReader>();

    public async Task<HistoryOutcome<CheckpointsResponse>> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(runId) is not { } run)
        {
            return HistoryOutcome<CheckpointsResponse>.Missing($"There is no run '{runId}'.");
        }
        if (run.Source != RunSource.ClickHouse)
        {
            return HistoryOutcome<CheckpointsResponse>.Found(new CheckpointsResponse(runId, await FromRawCopyAsync(runId)));
        }
        if (_clickHouse is null)
        {
            return HistoryOutcome<CheckpointsResponse>.Down(
                $"Run '{runId}' lives in ClickHouse, and this StreamApi has no ConnectionStrings__clickhouse to read it from.");
        }
        try
        {
            var events = await _clickHouse.ReadCheckpointsAsync(runId, cancellationToken);
            return HistoryOutcome<CheckpointsResponse>.Found(new CheckpointsResponse(runId,
                [.. events.Select(e => new CheckpointEntry(e.Metric, e.Step, WireLimits.ToDateTimeOffset(e.TimeMs), e.Value, e.Host, e.Rank))]));
        }
        catch (ClickHouseException exception)
        {
            return HistoryOutcome<CheckpointsResponse>.Down(failures.Report(exception, runId, "checkpoints"));
        }
    }

    private async Task<CheckpointEntry[]> FromRawCopyAsync(string runId)
    {
        var entries = new List<CheckpointEntry>();
        foreach (var seriesId in (await raw.ListSeriesAsync(runId)).Keys.Where(seriesId => seriesId.StartsWith(MetricPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (await raw.ReadAsync(runId, seriesId, RawRange.All) is not { } columns)
            {
                continue;
            }
            for (var i = 0; i < columns.Count; i++)
            {
                entries.Add(new CheckpointEntry(seriesId, columns.Steps[i], WireLimits.ToDateTimeOffset(columns.TimesMs[i]), columns.Values[i], "", 0));
            }
        }
        entries.Sort(static (a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Time.CompareTo(b.Time));
        return [.. entries];
    }
}
