using Contracts.Wire;
using Ingestor.Model;

namespace Bench.LogDirectory;

/// <summary>A sink that signals when a batch holding a given step of a given metric arrives.</summary>
internal sealed class LatencySink : IMetricSink
{
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _metric = "";
    private long _step = long.MaxValue;

    public Task Expect(string metric, long step)
    {
        _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _metric, metric);
        Volatile.Write(ref _step, step);
        return _arrived.Task;
    }

    public ValueTask WriteAsync(MetricBatch batch, CancellationToken cancellationToken)
    {
        foreach (var series in batch.Series)
        {
            if (series.Key.Metric == Volatile.Read(ref _metric) && series.Samples.Exists(s => s.Step >= Volatile.Read(ref _step)))
            {
                _arrived.TrySetResult();
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertRunsAsync(IReadOnlyCollection<RunMeta> runs, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
