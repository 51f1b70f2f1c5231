using System.Text.Json;
using Contracts.Analytics;
using Contracts.Series;
using Contracts.Wire;
using Ingestor.Model;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>One log-directory run as the ingestor holds it: every point of every series, and its loss analytics.</summary>
public sealed class LogRun(string runId)
{
    private readonly Dictionary<string, RawSeries> _series = new(StringComparer.Ordinal);

    public string RunId { get; } = runId;

    public IReadOnlyDictionary<string, RawSeries> Series => _series;

    private readonly SortedDictionary<string, SortedDictionary<string, long>> _otherSummaries = new(StringComparer.Ordinal);

    /// <summary>
    /// The run's hyperparameters from the TensorBoard hparams plugin; the first session start read stays, as TensorBoard
    /// shows the first. The same instance while unchanged, so an unchanged run compares equal at once.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Config { get; private set; }

    /// <summary>Present once the run has a loss log.</summary>
    public LossAnalytics? Loss { get; private set; }

    public long StartMs { get; private set; } = long.MaxValue;

    public long LastMs { get; private set; } = long.MinValue;

    public long LatestStep { get; private set; }

    /// <summary>A series was added since the run's series list was written to Redis.</summary>
    public bool SeriesListDirty { get; set; }

    /// <summary>The loss status changed since it was written to Redis.</summary>
    public bool StatusDirty { get; set; }

    /// <summary>What the sink was last told about this run.</summary>
    public RunMeta? PublishedMeta { get; set; }

    /// <summary>When a scan first found the run no longer fed by any directory's current files; null while it is.</summary>
    public DateTimeOffset? UnreferencedSince { get; set; }

    /// <summary>Everything it holds is in Redis and the sink was told it is finished: dropping it loses nothing.</summary>
    public bool IsSettled =>
        PublishedMeta is { IsActive: false } && !SeriesListDirty && !StatusDirty
        && (Loss is null || (Loss.DirtyTimesteps.Count == 0 && !Loss.StatisticsDirty))
        && _series.Values.All(static series => !series.IsDirty);

    /// <summary>The run's loss analytics, reading its batch losses from the run's <see cref="LogDirectoryMetricNames.BatchLoss"/> series.</summary>
    public LossAnalytics GetOrCreateLoss() => Loss ??= new LossAnalytics(RunId, () => _series.GetValueOrDefault(LogDirectoryMetricNames.BatchLoss));

    /// <summary>
    /// Records a point; one the series holds at that step already is replaced (see <see cref="RawSeries.Set"/>).
    /// </summary>
    public PointChange Set(string metric, MetricSample sample) => Set(metric, sample, out _);

    /// <summary>Records the loss of one batch of <paramref name="timestep"/>: in the batch-loss series, once, and in the analytics.</summary>
    public PointChange AddLoss(TimestepLosses timestep, long step, double value, long wallTimeMs)
    {
        timestep.Lines = (int)Math.Max(timestep.Lines, step - timestep.BaseStep + 1);
        var change = Set(LogDirectoryMetricNames.BatchLoss, new MetricSample(step, wallTimeMs, value), out var previous);
        GetOrCreateLoss().Add(timestep, step, value, wallTimeMs, change, previous);
        return change;
    }

    public void SetConfig(IReadOnlyDictionary<string, JsonElement> hparams) => Config ??= hparams;

    /// <summary>Counts one summary the dashboard lists but does not show (text, image, audio, another plugin's) under its kind and tag.</summary>
    public void CountOtherSummary(string kind, string tag)
    {
        if (!_otherSummaries.TryGetValue(kind, out var tags))
        {
            _otherSummaries[kind] = tags = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }
        tags[tag] = tags.GetValueOrDefault(tag) + 1;
        StatusDirty = true;
    }

    /// <summary>A copy of the other summaries' counts (kind → tag → values), null when there are none.</summary>
    private Dictionary<string, IReadOnlyDictionary<string, long>>? OtherSummaries() => _otherSummaries.Count == 0 ? null
        : _otherSummaries.ToDictionary(static p => p.Key, static p => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    private PointChange Set(string metric, MetricSample sample, out double previous)
    {
        var change = GetOrAddSeries(metric).Set(sample, out previous);
        StartMs = Math.Min(StartMs, sample.TimeMs);
        LastMs = Math.Max(LastMs, sample.TimeMs);
        LatestStep = Math.Max(LatestStep, sample.Step);
        StatusDirty = true;
        return change;
    }

    private RawSeries GetOrAddSeries(string metric)
    {
        if (!_series.TryGetValue(metric, out var series))
        {
            series = new RawSeries(metric);
            _series.Add(metric, series);
            SeriesListDirty = true;
        }
        return series;
    }

    /// <summary>The run's <c>/api/status</c>; a run with event files but no loss log has no timesteps.</summary>
    public LossStatus BuildStatus()
    {
        var lastUpdate = WireLimits.ToDateTimeOffset(LastMs == long.MinValue ? 0 : LastMs);
        return Loss is null
            ? new LossStatus { RunId = RunId, Timesteps = 0, TotalBatches = 0, LastUpdate = lastUpdate, NonFinite = NonFiniteCounts.None, OtherTags = OtherSummaries() }
            : Loss.BuildStatus() with { LastUpdate = lastUpdate, OtherTags = OtherSummaries() };
    }

    public RunMeta ToMeta(DateTimeOffset now, TimeSpan activeWindow)
    {
        var last = WireLimits.ToDateTimeOffset(LastMs == long.MinValue ? 0 : LastMs);
        return new RunMeta
        {
            RunId = RunId,
            Source = RunSource.LogDirectory,
            StartTime = WireLimits.ToDateTimeOffset(StartMs == long.MaxValue ? 0 : StartMs),
            LastEventTime = last,
            LatestStep = LatestStep,
            IsActive = now - last < activeWindow,
            SeriesCount = _series.Count,
            Config = Config,
        };
    }

    public void MarkAllDirty()
    {
        foreach (var series in _series.Values)
        {
            series.MarkDirty(0);
        }
        SeriesListDirty = true;
        StatusDirty = true;
        Loss?.MarkAllDirty();
    }
}
