using ClickHouse.Http;
using Contracts.Series;
using Contracts.Wire;
using Ingestor.Sources.ClickHouse.RunSettings;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Everything the source knows of each run, kept up to date from the rows it reads and from the run metadata
/// query, and what it has handed on already, so that a new run or a change of active state is handed on at
/// once and the rest only with the periodic full list.
/// </summary>
public sealed class RunTracker(TimeSpan activeWindow)
{
    private readonly Dictionary<string, RunState> _runs = new(StringComparer.Ordinal);
    private RunState? _lastRun;
    private SeriesKey _lastSeries;

    public int Count => _runs.Count;

    public bool Contains(string runId) => _runs.ContainsKey(runId);

    /// <summary>Takes in a row read from the table (rows come grouped by series, so this is mostly compares).</summary>
    public void Observe(in MetricRow row)
    {
        var run = _lastRun is not null && ReferenceEquals(_lastRun.RunId, row.Series.RunId) ? _lastRun : GetOrAdd(row.Series.RunId);
        _lastRun = run;
        run.StartMs = Math.Min(run.StartMs, row.TimeMs);
        run.LastMs = Math.Max(run.LastMs, row.TimeMs);
        run.LatestStep = Math.Max(run.LatestStep, row.Step);
        if (!row.Series.Equals(_lastSeries))
        {
            run.Series.Add(row.Series);
            _lastSeries = row.Series;
        }
    }

    public void Merge(in RunSummary summary)
    {
        var run = GetOrAdd(summary.RunId);
        run.StartMs = Math.Min(run.StartMs, summary.StartMs);
        run.LastMs = Math.Max(run.LastMs, summary.LastMs);
        run.LatestStep = Math.Max(run.LatestStep, summary.LatestStep);
        run.SeriesCountFromQuery = Math.Max(run.SeriesCountFromQuery, summary.SeriesCount);
    }

    /// <summary>Merges a tags_json of a known run into its config (see <see cref="RunConfig"/>); a run not known yet is left for the next read.</summary>
    public TagSetProblem ApplyTags(in TagSet tags, ConfigLimits limits) =>
        _runs.TryGetValue(tags.RunId, out var run) ? run.Config.Apply(tags, limits) : TagSetProblem.None;

    public void ApplyUnit(in UnitSighting unit)
    {
        if (_runs.TryGetValue(unit.RunId, out var run))
        {
            run.Units.Apply(unit);
        }
    }

    /// <summary>The newest row time known, or null before any.</summary>
    public long? NewestTimeMs => _runs.Count == 0 ? null : _runs.Values.Max(run => run.LastMs);

    /// <summary>Runs never handed on, or whose active state differs from what was handed on.</summary>
    public List<RunMeta> Changes(DateTimeOffset now)
    {
        var changes = new List<RunMeta>();
        var activeSince = ActiveSinceMs(now);
        foreach (var run in _runs.Values)
        {
            if (run.HandedOnActive != run.LastMs >= activeSince)
            {
                changes.Add(ToMeta(run, now));
            }
        }
        return changes;
    }

    /// <summary>Every run, newest activity first.</summary>
    public List<RunMeta> All(DateTimeOffset now) =>
        [.. _runs.Values.OrderByDescending(run => run.LastMs).Select(run => ToMeta(run, now))];

    /// <summary>Records what the sink accepted, so <see cref="Changes"/> reports only what differs from it.</summary>
    public void HandedOn(IEnumerable<RunMeta> runs)
    {
        foreach (var meta in runs)
        {
            if (_runs.TryGetValue(meta.RunId, out var run))
            {
                run.HandedOnActive = meta.IsActive;
            }
        }
    }

    private long ActiveSinceMs(DateTimeOffset now) => (now - activeWindow).ToUnixTimeMilliseconds();

    private RunState GetOrAdd(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            run = new RunState(runId);
            _runs.Add(runId, run);
        }
        return run;
    }

    private RunMeta ToMeta(RunState run, DateTimeOffset now) => new()
    {
        RunId = run.RunId,
        Source = RunSource.ClickHouse,
        StartTime = WireLimits.ToDateTimeOffset(run.StartMs),
        LastEventTime = WireLimits.ToDateTimeOffset(run.LastMs),
        LatestStep = Math.Max(run.LatestStep, 0),
        IsActive = run.LastMs >= ActiveSinceMs(now),
        SeriesCount = Math.Max(run.Series.Count, run.SeriesCountFromQuery),
        Config = run.Config.Current,
        Units = run.Units.Current,
    };

    private sealed class RunState(string runId)
    {
        public string RunId { get; } = runId;

        public long StartMs { get; set; } = long.MaxValue;

        public long LastMs { get; set; } = long.MinValue;

        public long LatestStep { get; set; } = -1;

        public int SeriesCountFromQuery { get; set; }

        public HashSet<SeriesKey> Series { get; } = [];

        public RunConfig Config { get; } = new();

        public RunUnits Units { get; } = new();

        /// <summary>Null until the run was first handed on.</summary>
        public bool? HandedOnActive { get; set; }
    }
}
