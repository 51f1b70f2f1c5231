namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Cancels a query that stops answering: the timeout restarts whenever another piece of the answer is awaited
/// and is paused while the sink takes a batch, so a long backfill is never cut off for being long, only for
/// being stuck.
/// </summary>
public sealed class QueryDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _timeout;

    public QueryDeadline(TimeSpan timeout, CancellationToken stoppingToken)
    {
        _timeout = timeout;
        _source = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _source.CancelAfter(timeout);
    }

    public CancellationToken Token => _source.Token;

    public CancellationToken Restart()
    {
        _source.CancelAfter(_timeout);
        return _source.Token;
    }

    public void Pause() => _source.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose() => _source.Dispose();
}
