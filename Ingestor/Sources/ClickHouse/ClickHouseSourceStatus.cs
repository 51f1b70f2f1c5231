namespace Ingestor.Sources.ClickHouse;

/// <summary>What the source is doing and how its last attempt went; written by the source, read by its health check.</summary>
public sealed class ClickHouseSourceStatus
{
    private volatile Snapshot _current = new(SourcePhase.Starting, 0, null, false, null, 0, 0);

    public Snapshot Current => _current;

    public void Backfilling(int runsDone, int runsTotal) =>
        _current = _current with { Phase = SourcePhase.Backfilling, RunsBackfilled = runsDone, RunsToBackfill = runsTotal };

    public void Succeeded(DateTimeOffset at, bool polling) => _current = _current with
    {
        Phase = polling ? SourcePhase.Polling : _current.Phase,
        ConsecutiveFailures = 0,
        LastError = null,
        TableMissing = false,
        LastSuccess = at,
    };

    public void Failed(string error, bool tableMissing) => _current = _current with
    {
        ConsecutiveFailures = _current.ConsecutiveFailures + 1,
        LastError = error,
        TableMissing = tableMissing,
    };

    public sealed record Snapshot(
        SourcePhase Phase, int ConsecutiveFailures, string? LastError, bool TableMissing, DateTimeOffset? LastSuccess,
        int RunsBackfilled, int RunsToBackfill);
}

public enum SourcePhase
{
    Starting,
    Backfilling,
    Polling,
}
