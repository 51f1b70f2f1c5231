using System.Collections.Concurrent;
using Contracts.Wire;
using Ingestor.Model;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>A sink that keeps what it is given and can refuse the first writes, as a sink under pressure might.</summary>
internal sealed class RecordingSink(int failFirstWrites = 0) : IMetricSink
{
    private int _failuresLeft = failFirstWrites;

    public ConcurrentQueue<SeriesSamples> Series { get; } = new();

    public ConcurrentDictionary<string, RunMeta> Runs { get; } = new();

    public ValueTask WriteAsync(MetricBatch batch, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("The sink is not taking batches right now.");
        }
        foreach (var series in batch.Series)
        {
            Series.Enqueue(series);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertRunsAsync(IReadOnlyCollection<RunMeta> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            Runs[run.RunId] = run;
        }
        return ValueTask.CompletedTask;
    }

    public IEnumerable<MetricSample> Samples(string runId, string metric) =>
        Series.Where(s => s.Key.RunId == runId && s.Key.Metric == metric).SelectMany(s => s.Samples);
}
