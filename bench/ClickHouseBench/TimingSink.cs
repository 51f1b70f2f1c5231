using System.Diagnostics;
using Contracts.Wire;
using Ingestor.Model;

namespace ClickHouseBench;

/// <summary>Counts what the source hands on and when each step of a watched series arrived.</summary>
internal sealed class TimingSink : IMetricSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _arrivals = [];
    private long _samples;

    public string? WatchedRunId { get; set; }

    public long Samples => Interlocked.Read(ref _samples);

    public ValueTask WriteAsync(MetricBatch batch, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var series in batch.Series)
        {
            if (series.Key.RunId == WatchedRunId)
            {
                lock (_lock)
                {
                    foreach (var sample in series.Samples)
                    {
                        _arrivals.TryAdd(sample.Step, now);
                    }
                }
            }
        }
        Interlocked.Add(ref _samples, batch.SampleCount);
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertRunsAsync(IReadOnlyCollection<RunMeta> runs, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public long? ArrivalOf(long step)
    {
        lock (_lock)
        {
            return _arrivals.TryGetValue(step, out var at) ? at : null;
        }
    }
}
