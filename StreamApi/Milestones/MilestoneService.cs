using ClickHouse.Http;
using Contracts.Series;
using Contracts.Wire;
using StreamApi.History;
using StreamApi.Runs;
using StreamApi.TrainingMetrics;

namespace StreamApi.Milestones;

/// <summary>
/// The milestones of a run, read from ClickHouse as the other full-resolution history is. Log-directory runs have
/// none (their files name no points), so they answer an empty list.
/// </summary>
public sealed class MilestoneService(RunCatalog runs, HistoryFailures failures, IServiceProvider services)
{
    private readonly ClickHouseHistoryReader? _clickHouse = services.GetService<ClickHouseHistoryReader>();

    public async Task<HistoryOutcome<MilestonesResponse>> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        if (await runs.FindAsync(runId) is not { } run)
        {
            return HistoryOutcome<MilestonesResponse>.Missing($"There is no run '{runId}'.");
        }
        if (run.Source != RunSource.ClickHouse)
        {
            return HistoryOutcome<MilestonesResponse>.Found(new MilestonesResponse(runId, []));
        }
        if (_clickHouse is null)
        {
            return HistoryOutcome<MilestonesResponse>.Down(
                $"Run '{runId}' lives in ClickHouse, and this StreamApi has no ConnectionStrings__clickhouse to read it from.");
        }
        try
        {
            var events = await _clickHouse.ReadMilestonesAsync(runId, cancellationToken);
            return HistoryOutcome<MilestonesResponse>.Found(new MilestonesResponse(runId,
                [.. events.Select(e => new MilestoneEntry(e.Metric, e.Step, WireLimits.ToDateTimeOffset(e.TimeMs), e.Name))]));
        }
        catch (ClickHouseException exception)
        {
            return HistoryOutcome<MilestonesResponse>.Down(failures.Report(exception, runId, "milestones"));
        }
    }
}
