using System.Threading.Channels;
using Contracts.Decimation;
using Contracts.Series;
using Contracts.Wire;
using Ingestor.Model;
using Microsoft.Extensions.Options;

namespace Ingestor.Series;

/// <summary>
/// The ingestor's state: every series it has seen, decimated, and every run. Sources write into it; the
/// publisher takes what changed. Runs and series are never removed: a run whose source went away keeps its history.
/// One lock guards it; sources hold it only while folding a batch into the decimators, the publisher only while
/// copying the changed tails out.
/// </summary>
public sealed class SeriesStore : IMetricSink
{
    private readonly Lock _gate = new();
    private readonly int _maxPoints;
    private readonly Dictionary<SeriesKey, SeriesState> _series = [];
    private readonly Dictionary<string, RunState> _runs = new(StringComparer.Ordinal);
    private readonly List<SeriesState> _deltaDirty = [];
    private readonly List<SeriesState> _snapshotDirty = [];
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _runsChanged;

    public SeriesStore(IOptions<DecimationOptions> options) => _maxPoints = options.Value.MaxPoints;

    public int SeriesCount
    {
        get
        {
            lock (_gate)
            {
                return _series.Count;
            }
        }
    }

    public ValueTask WriteAsync(MetricBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }
        lock (_gate)
        {
            foreach (var group in batch.Series)
            {
                Apply(group);
            }
        }
        _changed.Writer.TryWrite(true);
        return ValueTask.CompletedTask;
    }

    public ValueTask UpsertRunsAsync(IReadOnlyCollection<RunMeta> runs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var meta in runs)
            {
                var run = GetOrAddRun(meta.RunId);
                var previous = run.FromSource;
                run.FromSource = meta;
                if (previous is null || previous.IsActive != meta.IsActive || previous.Source != meta.Source)
                {
                    _runsChanged = true;
                }
            }
        }
        _changed.Writer.TryWrite(true);
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs that an earlier ingestor published (read back from Redis at start), so they keep showing.</summary>
    public void RestoreRuns(IEnumerable<RunMeta> runs)
    {
        lock (_gate)
        {
            foreach (var meta in runs)
            {
                if (!_runs.ContainsKey(meta.RunId))
                {
                    GetOrAddRun(meta.RunId).FromSource = meta with { IsActive = false };
                }
            }
        }
    }

    /// <summary>Completes when something changed since the previous call.</summary>
    public ValueTask<bool> WaitForChangesAsync(CancellationToken cancellationToken) => _changed.Reader.ReadAsync(cancellationToken);

    /// <summary>
    /// Takes the changes since the previous call as delta entries, and, when asked, the full points of every
    /// series changed since the previous snapshot (or of all series) in the same state.
    /// </summary>
    public StoreChanges TakeChanges(bool captureSnapshot, bool snapshotEverything, bool forceRuns)
    {
        lock (_gate)
        {
            var delta = new List<SeriesPoints>(_deltaDirty.Count);
            foreach (var state in _deltaDirty)
            {
                state.InDelta = false;
                if (TakeDeltaEntry(state) is { } entry)
                {
                    delta.Add(entry);
                }
            }
            _deltaDirty.Clear();

            var allRuns = SnapshotRuns();
            RunMeta[]? changedRuns = _runsChanged || forceRuns ? allRuns : null;
            _runsChanged = false;

            List<SeriesPoints>? snapshot = null;
            if (captureSnapshot)
            {
                var source = snapshotEverything ? (IEnumerable<SeriesState>)_series.Values : _snapshotDirty;
                snapshot = [];
                foreach (var state in source)
                {
                    state.InSnapshot = false;
                    snapshot.Add(SeriesPointsFactory.Create(state, state.Decimator.GetPoints(), op: null, fromStep: null));
                }
                if (snapshotEverything)
                {
                    foreach (var state in _snapshotDirty)
                    {
                        state.InSnapshot = false;
                    }
                }
                _snapshotDirty.Clear();
            }
            return new StoreChanges(delta, changedRuns, snapshot, allRuns);
        }
    }

    private void Apply(SeriesSamples group)
    {
        var key = group.Key;
        if (!_series.TryGetValue(key, out var state))
        {
            state = new SeriesState(key, _maxPoints);
            _series.Add(key, state);
            var owner = GetOrAddRun(key.RunId);
            owner.SeriesCount++;
            _runsChanged |= owner.SeriesCount == 1;
        }
        else if (group.ReplacesSeries)
        {
            state.ResetDecimator();
        }
        var run = _runs[key.RunId];
        foreach (var sample in group.Samples)
        {
            state.Decimator.Add(sample.Step, sample.TimeMs, sample.Value);
            if (sample.TimeMs < run.FirstEventMs)
            {
                run.FirstEventMs = sample.TimeMs;
            }
            if (sample.TimeMs > run.LastEventMs)
            {
                run.LastEventMs = sample.TimeMs;
            }
            if (sample.Step > run.LatestStep)
            {
                run.LatestStep = sample.Step;
            }
        }
        if (!state.InDelta)
        {
            state.InDelta = true;
            _deltaDirty.Add(state);
        }
        if (!state.InSnapshot)
        {
            state.InSnapshot = true;
            _snapshotDirty.Add(state);
        }
    }

    private static SeriesPoints? TakeDeltaEntry(SeriesState state)
    {
        var change = state.Decimator.TakeChange();
        if (change.Kind == DecimationChangeKind.None && !state.NeverPublished)
        {
            return null;
        }
        if (change.Kind == DecimationChangeKind.Tail && !state.NeverPublished)
        {
            return SeriesPointsFactory.Create(state, state.Decimator.GetPointsFrom(change.FromStep), SeriesOp.Tail, change.FromStep);
        }
        state.NeverPublished = false;
        return SeriesPointsFactory.Create(state, state.Decimator.GetPoints(), SeriesOp.Replace, fromStep: null);
    }

    private RunState GetOrAddRun(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            run = new RunState(runId);
            _runs.Add(runId, run);
            _runsChanged = true;
        }
        return run;
    }

    private RunMeta[] SnapshotRuns()
    {
        var runs = new RunMeta[_runs.Count];
        var i = 0;
        foreach (var run in _runs.Values)
        {
            runs[i++] = run.ToRunMeta();
        }
        Array.Sort(runs, static (a, b) => b.LastEventTime.CompareTo(a.LastEventTime));
        return runs;
    }
}
