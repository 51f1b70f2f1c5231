namespace Bench.Streaming;

/// <summary>
/// The events the fan-out clients received, each as its publication time, its lag and its size, so that a window of
/// publications (the one right after every series doubled its bucket width) can be summarized apart.
/// </summary>
internal sealed class DeliveryLags
{
    private readonly Lock _gate = new();
    private List<(long PublishedMs, double LagMs, long Bytes)> _events = [];

    public void Record(long publishedMs, double lagMs, long bytes)
    {
        lock (_gate)
        {
            _events.Add((publishedMs, lagMs, bytes));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _events = [];
        }
    }

    /// <summary>The events published in [<paramref name="fromMs"/>, <paramref name="toMs"/>): count, lag percentiles, bytes.</summary>
    public (int Count, double P50, double P99, double Max, long Bytes) Summarize(long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        var lags = new LagRecorder();
        long bytes = 0;
        lock (_gate)
        {
            foreach (var (publishedMs, lagMs, size) in _events)
            {
                if (publishedMs >= fromMs && publishedMs < toMs)
                {
                    lags.Record(lagMs);
                    bytes += size;
                }
            }
        }
        var (count, p50, p99, max) = lags.Summarize();
        return (count, p50, p99, max, bytes);
    }
}
