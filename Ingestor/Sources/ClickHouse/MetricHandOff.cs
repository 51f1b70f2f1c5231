using ClickHouse.Http;
using Ingestor.Model;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Gathers rows into batches for the sink. Before a batch goes, the runs it brings that the sink has not heard
/// of (or whose active state changed) are handed on, so a new run is known before its first points arrive.
/// </summary>
public sealed class MetricHandOff(IMetricSink sink, RunTracker runs, TimeProvider time, int batchSize)
{
    private MetricBatch _batch = new();

    public bool IsFull => _batch.SampleCount >= batchSize;

    public void Add(in MetricRow row)
    {
        runs.Observe(row);
        _batch.Add(row.Series, new MetricSample(row.Step, row.TimeMs, row.Value));
    }

    /// <summary>Hands the gathered rows to the sink; once this returns, the sink has them. Returns how many.</summary>
    public async ValueTask<int> FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty)
        {
            return 0;
        }
        await AnnounceRunChangesAsync(cancellationToken);
        var batch = _batch;
        _batch = new MetricBatch();
        await sink.WriteAsync(batch, cancellationToken);
        return batch.SampleCount;
    }

    /// <summary>Forgets rows gathered but not handed on (their read failed and will be repeated).</summary>
    public void Discard() => _batch = new MetricBatch();

    public async ValueTask AnnounceRunChangesAsync(CancellationToken cancellationToken)
    {
        var changes = runs.Changes(time.GetUtcNow());
        if (changes.Count > 0)
        {
            await sink.UpsertRunsAsync(changes, cancellationToken);
            runs.HandedOn(changes);
        }
    }

    public async ValueTask AnnounceAllRunsAsync(CancellationToken cancellationToken)
    {
        var all = runs.All(time.GetUtcNow());
        if (all.Count > 0)
        {
            await sink.UpsertRunsAsync(all, cancellationToken);
            runs.HandedOn(all);
        }
    }
}
