using System.Threading.Channels;
using Contracts.Series;
using Contracts.Wire;
using Decimation;
using Ingestor.Model;
using Microsoft.Extensions.Options;

namespace Ingestor.Series;

/// <summary>
/// The ingestor's state: every series it has seen, decimated, and every run. Sources write into it; the
/// publisher takes what changed. Runs are never removed: a run whose source went away keeps its history. The series
/// of a finished run are released from memory after <see cref="RetentionOptions.FinishedRunsAfter"/> (see
/// <see cref="EvictFinishedRuns"/>). One lock guards it; sources hold it only while folding a batch into the
/// decimators, the publisher only while copying the changed tails out.
/// </summary>
public sealed partial class SeriesStore : IMetricSink
{
    private readonly Lock _gate = new();
    private readonly int _maxPoints;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly Dictionary<SeriesKey, SeriesState> _series = [];
    private readonly Dictionary<string, RunState> _runs = new(StringComparer.Ordinal);
    private readonly List<SeriesState> _deltaDirty = [];
    private readonly List<SeriesState> _snapshotDirty = [];
    private readonly HashSet<string> _awaitingRestore = new(StringComparer.Ordinal);
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _runsChanged;

    public SeriesStore(IOptions<DecimationOptions> decimation, IOptions<RetentionOptions> retention, TimeProvider time)
    {
        _maxPoints = decimation.Value.MaxPoints;
        _retention = retention.Value.FinishedRunsAfter;
        _time = time;
    }

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
            var now = _time.GetUtcNow();
            foreach (var group in batch.Series)
            {
                Apply(group, now);
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
                if (previous is null || previous.IsActive != meta.IsActive || previous.Source != meta.Source || !SameSettings(previous, meta))
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

    private void Apply(SeriesSamples group, DateTimeOffset now)
    {
        var key = group.Key;
        var run = GetOrAddRun(key.RunId);
        if (run.Evicted)
        {
            Park(run, group);
            return;
        }
        run.LastChangedAt = now;
        if (!_series.TryGetValue(key, out var state))
        {
            state = new SeriesState(key, new SeriesDecimator(_maxPoints));
            _series.Add(key, state);
            run.Series.Add(state);
            run.SeriesCount++;
            _runsChanged |= run.SeriesCount == 1;
        }
        else if (group.ReplacesSeries)
        {
            state.ResetDecimator();
        }
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
        if (change.Kind is DecimationChangeKind.Tail or DecimationChangeKind.Coarsen && !state.NeverPublished)
        {
            var op = change.Kind == DecimationChangeKind.Tail ? SeriesOp.Tail : SeriesOp.Coarsen;
            return SeriesPointsFactory.Create(state, state.Decimator.GetPointsFrom(change.FromStep), op, change.FromStep);
        }
        state.NeverPublished = false;
        return SeriesPointsFactory.Create(state, state.Decimator.GetPoints(), SeriesOp.Replace, fromStep: null);
    }

    private RunState GetOrAddRun(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            run = new RunState(runId) { LastChangedAt = _time.GetUtcNow() };
            _runs.Add(runId, run);
            _runsChanged = true;
        }
        return run;
    }

    /// <summary>Config and units equal by content (the same instances, as a source hands on while they are unchanged, compare at once).</summary>
    private static bool SameSettings(RunMeta previous, RunMeta meta) =>
        (ReferenceEquals(previous.Config, meta.Config) && ReferenceEquals(previous.Units, meta.Units))
        || (previous with { StartTime = meta.StartTime, LastEventTime = meta.LastEventTime, LatestStep = meta.LatestStep, SeriesCount = meta.SeriesCount })
            .Equals(meta);

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
