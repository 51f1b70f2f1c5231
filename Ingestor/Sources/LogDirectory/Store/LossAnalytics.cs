using System.Runtime.InteropServices;
using Contracts.Analytics;
using Contracts.Wire;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// The loss analytics of one run: its timesteps, and the exact statistics over every batch loss. The losses
/// themselves are held once, in the run's batch-loss series; a timestep knows the global steps its batches take.
/// Statistics are computed when they are written out (at most once per Redis flush), in step order, over the finite
/// losses only; percentiles come from a sorted copy that grows by merges.
/// </summary>
public sealed class LossAnalytics(string runId, Func<RawSeries?> batchLosses)
{
    private readonly SortedDictionary<DateTime, TimestepLosses> _timesteps = [];
    private readonly SortedDoubles _sorted = new();
    private readonly List<double> _unsorted = [];
    private const int MaxIdleUnsortedCapacity = 1 << 16;
    private bool _rebuildSorted;
    private long _total, _nan, _positive, _negative;
    private RunningMoments _moments;
    private bool _momentsStale;

    public string RunId { get; } = runId;

    public HashSet<DateTime> DirtyTimesteps { get; } = [];

    public bool StatisticsDirty { get; set; }

    public int TimestepCount => _timesteps.Count;

    public IEnumerable<TimestepLosses> Timesteps => _timesteps.Values;

    public TimestepLosses? Latest { get; private set; }

    public double? LatestLoss { get; private set; }

    public long LastUpdateMs { get; private set; }

    public bool TryGet(DateTime timestep, out TimestepLosses timestepLosses) => _timesteps.TryGetValue(timestep, out timestepLosses!);

    public TimestepLosses GetOrAdd(DateTime timestep, long baseStep)
    {
        if (!_timesteps.TryGetValue(timestep, out var added))
        {
            added = new TimestepLosses(timestep, baseStep);
            _timesteps.Add(timestep, added);
            MarkChanged(added);
        }
        return added;
    }

    /// <summary>
    /// Accounts for the loss of one batch of <paramref name="timestep"/> that the batch-loss series just recorded
    /// (<paramref name="change"/>; <paramref name="previous"/> is the value it replaced, if any).
    /// </summary>
    public void Add(TimestepLosses timestep, long step, double value, long wallTimeMs, PointChange change, double previous)
    {
        timestep.WallTimeMs = Math.Max(timestep.WallTimeMs, wallTimeMs);
        switch (change)
        {
            case PointChange.Added:
                _total++;
                Count(value, +1);
                if (double.IsFinite(value))
                {
                    _unsorted.Add(value);
                    _moments.Add(step, value);
                }
                break;
            case PointChange.Replaced:
                Count(previous, -1);
                Count(value, +1);
                // Neither the sorted copy nor the moments can take a value out; they are rebuilt when next asked for.
                _rebuildSorted |= !previous.Equals(value);
                _momentsStale |= !previous.Equals(value);
                break;
        }
        LatestLoss = value;
        LastUpdateMs = Math.Max(LastUpdateMs, wallTimeMs);
        MarkChanged(timestep);
    }

    /// <summary>The timestep's losses, in line order (malformed lines have none).</summary>
    public double[] LossesOf(TimestepLosses timestep)
    {
        if (batchLosses() is not { } losses)
        {
            return [];
        }
        var values = new List<double>(Math.Max(0, timestep.Lines));
        losses.CopyValues(timestep.BaseStep, timestep.LastStep, values);
        return [.. values];
    }

    public TimestepSummary Summarize(TimestepLosses timestep) => Summarize(timestep, LossesOf(timestep));

    public static TimestepSummary Summarize(TimestepLosses timestep, double[] timestepLosses) =>
        new TimestepSummaryBuilder(timestepLosses).Build(timestep.Timestep, timestep.GlobalStep, timestep.WallTimeMs) with
        {
            FirstStep = timestep.BaseStep,
            Batches = timestep.Lines,
        };

    /// <summary>Whether Redis holds every loss of the timestep, so that a reader can serve them from there.</summary>
    public bool IsWritten(TimestepLosses timestep) => batchLosses()?.IsWrittenThrough(timestep.LastStep) ?? true;

    /// <summary>Every batch loss, chunk by chunk; none while no line of the run's logs was a number.</summary>
    private RawSeries Losses => batchLosses() ?? Empty;

    private static readonly RawSeries Empty = new(string.Empty);

    public void MarkChanged(TimestepLosses timestep)
    {
        DirtyTimesteps.Add(timestep.Timestep);
        StatisticsDirty = true;
        if (Latest is null || timestep.Timestep >= Latest.Timestep)
        {
            Latest = timestep;
        }
    }

    public void MarkAllDirty()
    {
        DirtyTimesteps.UnionWith(_timesteps.Keys);
        StatisticsDirty = true;
    }

    public LossStatus BuildStatus() => new()
    {
        RunId = RunId,
        CurrentTimestep = Latest is null ? null : TimestepFormat.Format(Latest.Timestep),
        Timesteps = _timesteps.Count,
        TotalBatches = _total,
        LatestLoss = LatestLoss,
        LastUpdate = WireLimits.ToDateTimeOffset(LastUpdateMs),
        NonFinite = Counts(_nan, _positive, _negative),
    };

    public LossStatistics BuildStatistics()
    {
        UpdateSorted();
        if (_momentsStale)
        {
            _moments = RunningMoments.Of(batchLosses());
            _momentsStale = false;
        }
        var moments = _moments;
        var nonFinite = Counts(_nan, _positive, _negative);
        if (moments.Count == 0)
        {
            return new LossStatistics { RunId = RunId, Count = 0, NonFinite = nonFinite };
        }
        var mean = moments.Sum / moments.Count;
        return new LossStatistics
        {
            RunId = RunId,
            Count = moments.Count,
            NonFinite = nonFinite,
            Mean = mean,
            Std = moments.Std,
            Min = moments.Min,
            Max = moments.Max,
            Percentiles = new LossPercentiles(
                _sorted.Percentile(25), _sorted.Percentile(50), _sorted.Percentile(75),
                _sorted.Percentile(90), _sorted.Percentile(95), _sorted.Percentile(99)),
            Trend = moments.Slope is { } slope ? Trend(slope, moments.Count, mean) : null,
            Improvement = Improvement(),
        };
    }

    private static LossTrend Trend(double slope, long count, double mean)
    {
        var direction = Math.Abs(slope * count) < 0.01 * Math.Abs(mean) ? LossTrend.Flat
            : slope < 0 ? LossTrend.Decreasing
            : LossTrend.Increasing;
        return new LossTrend(slope, direction);
    }

    private LossImprovement? Improvement()
    {
        var first = _timesteps.Values.Select(FiniteMean).FirstOrDefault(mean => mean is not null);
        var last = _timesteps.Values.Reverse().Select(FiniteMean).FirstOrDefault(mean => mean is not null);
        if (first is not { } f || last is not { } l)
        {
            return null;
        }
        return new LossImprovement(f, l, f - l, f == 0 ? null : (f - l) / f * 100);
    }

    /// <summary>The same arithmetic as the timestep's summary, so improvement agrees with the history.</summary>
    private double? FiniteMean(TimestepLosses timestep)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in LossesOf(timestep))
        {
            if (double.IsFinite(value))
            {
                sum += value;
                count++;
            }
        }
        return count > 0 ? sum / count : null;
    }

    private void UpdateSorted()
    {
        if (_rebuildSorted)
        {
            _sorted.Clear();
            _unsorted.Clear();
            var losses = Losses;
            for (var chunk = 0; chunk < losses.ChunkCount; chunk++)
            {
                var points = losses.Read(chunk);
                while (points.MoveNext())
                {
                    if (double.IsFinite(points.Value))
                    {
                        _unsorted.Add(points.Value);
                    }
                }
            }
            _rebuildSorted = false;
        }
        _sorted.Add(CollectionsMarshal.AsSpan(_unsorted));
        _unsorted.Clear();
        if (_unsorted.Capacity > MaxIdleUnsortedCapacity)
        {
            // The initial read passes a million losses through here; live, a flush brings a few hundred.
            _unsorted.TrimExcess();
        }
    }

    private void Count(double value, int by)
    {
        if (double.IsNaN(value))
        {
            _nan += by;
        }
        else if (double.IsPositiveInfinity(value))
        {
            _positive += by;
        }
        else if (double.IsNegativeInfinity(value))
        {
            _negative += by;
        }
    }

    private static NonFiniteCounts Counts(long nan, long positive, long negative) => nan + positive + negative == 0
        ? NonFiniteCounts.None
        : new NonFiniteCounts { Nan = nan, PositiveInfinity = positive, NegativeInfinity = negative };
}
