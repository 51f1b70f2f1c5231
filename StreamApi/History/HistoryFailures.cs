using ClickHouse.Http;

namespace StreamApi.History;

/// <summary>
/// What a client is told when ClickHouse fails a history read: the kind of failure and what to expect, never
/// ClickHouse's own text, which can carry the SQL, the user name, the server's version and its address. That text goes
/// to the log, with the request it failed.
/// </summary>
public sealed partial class HistoryFailures(ILogger<HistoryFailures> logger)
{
    /// <summary>Logs <paramref name="exception"/> in full and returns what may be shown to anyone.</summary>
    public string Report(ClickHouseException exception, string runId, string what)
    {
        HistoryReadFailed(runId, what, exception);
        return Describe(exception);
    }

    public static string Describe(ClickHouseException exception) => exception switch
    {
        MetricTableException table => $"The metric table {table.QualifiedName} is missing in ClickHouse, or lacks a column the dashboard reads.",
        { IsUnreachable: true } => "ClickHouse is unreachable; full-resolution history of ClickHouse runs returns once it answers.",
        { InnerException: OperationCanceledException } => "ClickHouse did not answer in time.",
        { ServerCode: { } code } => $"ClickHouse failed the query with its error {code}; StreamApi's log has the details.",
        _ => "ClickHouse's answer could not be read; StreamApi's log has the details.",
    };

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Reading {What} of run {RunId} from ClickHouse failed")]
    private partial void HistoryReadFailed(string runId, string what, Exception exception);
}
