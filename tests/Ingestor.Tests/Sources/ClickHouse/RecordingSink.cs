using Contracts.Series;
using Contracts.Wire;
using Ingestor.Model;
using TestSupport;

namespace Ingestor.Tests.Sources.ClickHouse;

/// <summary>
/// An in-memory <see cref="IMetricSink"/> that keeps everything handed to it, in order, and can be told to
/// refuse writes (as a sink in trouble would), to check that refused rows come again and accepted ones never do.
/// </summary>
internal sealed class RecordingSink : IMetricSink
{
    private readonly Lock _lock = new();
    private readonly List<(SeriesKey Key, MetricSample Sample)> _samples = [];
    private readonly List<RunMeta> _runUpserts = [];
    private readonly List<string> _log = [];
    private int _writesToRefuse;
    private int _refuseAfterAccepted;

    public int BatchesAccepted { get; private set; }

    public int WritesRefused { get; private set; }

    /// <summary>Once <paramref name="afterAccepted"/> batches were accepted, the next <paramref name="count"/> writes throw instead.</summary>
    public void RefuseWrites(int count, int afterAccepted = 0)
    {
        lock (_lock)
        {
            _writesToRefuse = count;
            _refuseAfterAccepted = afterAccepted;
        }
    }

    public ValueTask WriteAsync(MetricBatch batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_writesToRefuse > 0 && BatchesAccepted >= _refuseAfterAccepted)
            {
                _writesToRefuse--;
                WritesRefused++;
                throw new InvalidOperationException("The test sink refuses this batch.");
            }
            foreach (var series in batch.Series)
            {
                _log.Add("points:" + series.Key.RunId);
                foreach (var sample in series.Samples)
                {
                    _samples.Add((series.Key, sample));
                }
            }
            BatchesAccepted++;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertRunsAsync(IReadOnlyCollection<RunMeta> runs, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var run in runs)
            {
                _runUpserts.Add(run);
                _log.Add("run:" + run.RunId);
            }
        }
        return ValueTask.CompletedTask;
    }

    public List<(SeriesKey Key, MetricSample Sample)> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    public List<(SeriesKey Key, MetricSample Sample)> SamplesOf(string runId) => Samples.Where(s => s.Key.RunId == runId).ToList();

    public List<RunMeta> RunUpserts
    {
        get
        {
            lock (_lock)
            {
                return [.. _runUpserts];
            }
        }
    }

    public RunMeta? LatestRun(string runId) => RunUpserts.LastOrDefault(run => run.RunId == runId);

    /// <summary>"run:id" and "points:id" entries in the order they were handed over.</summary>
    public List<string> Log
    {
        get
        {
            lock (_lock)
            {
                return [.. _log];
            }
        }
    }

    public Task WaitUntilAsync(Func<RecordingSink, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => condition(this), what, timeout, () => $"{Samples.Count} samples and {RunUpserts.Count} run upserts in the sink");
}
