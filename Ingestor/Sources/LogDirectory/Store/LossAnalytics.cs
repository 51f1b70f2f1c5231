using Contracts.Wire;
using System.Runtime.InteropServices;
using Contracts.Analytics;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// Every batch loss of one run, per timestep, and the exact statistics over them. Statistics are computed when
/// they are written out (at most once per Redis flush), in timestep and line order, over the finite losses
/// only; percentiles come from a sorted copy that grows by merges.
/// </summary>
public sealed class LossAnalytics(string runId)
{
    private readonly SortedDictionary<DateTime, TimestepLosses> _timesteps = [];
    private readonly SortedDoubles _sorted = new();
    private readonly List<double> _unsorted = [];
    private bool _rebuildSorted;

    public string RunId { get; } = runId;

    public HashSet<DateTime> DirtyTimesteps { get; } = [];

    public bool StatisticsDirty { get; set; }

    public int TimestepCount => _timesteps.Count;

    public IEnumerable<TimestepLosses> Timesteps => _timesteps.Values;

    public TimestepLosses? Latest { get; private set; }

    public double? LatestLoss { get; private set; }

    public long LastUpdateMs { get; private set; }

    public bool TryGet(DateTime timestep, out TimestepLosses losses) => _timesteps.TryGetValue(timestep, out losses!);

    public TimestepLosses GetOrAdd(DateTime timestep, long baseStep)
    {
        if (!_timesteps.TryGetValue(timestep, out var losses))
        {
            losses = new TimestepLosses(timestep, baseStep);
            _timesteps.Add(timestep, losses);
            MarkChanged(losses);
        }
        return losses;
    }

    /// <summary>The loss of one batch; a batch read again (its file was rewritten) replaces its earlier value.</summary>
    public void Add(TimestepLosses timestep, long step, double value, long wallTimeMs)
    {
        var replaced = timestep.Set(step, value);
        timestep.WallTimeMs = Math.Max(timestep.WallTimeMs, wallTimeMs);
        if (replaced is { } previous)
        {
            // The sorted copy cannot take a value out; it is rebuilt when next asked for.
            _rebuildSorted |= !previous.Equals(value);
        }
        else if (double.IsFinite(value))
        {
            _unsorted.Add(value);
        }
        LatestLoss = value;
        LastUpdateMs = Math.Max(LastUpdateMs, wallTimeMs);
        MarkChanged(timestep);
    }

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

    public LossStatus BuildStatus()
    {
        long nan = 0, positive = 0, negative = 0, total = 0;
        foreach (var timestep in _timesteps.Values)
        {
            total += timestep.Values.Count;
            foreach (var value in timestep.Values)
            {
                if (double.IsNaN(value))
                {
                    nan++;
                }
                else if (double.IsPositiveInfinity(value))
                {
                    positive++;
                }
                else if (double.IsNegativeInfinity(value))
                {
                    negative++;
                }
            }
        }
        return new LossStatus
        {
            RunId = RunId,
            CurrentTimestep = Latest is null ? null : TimestepFormat.Format(Latest.Timestep),
            Timesteps = _timesteps.Count,
            TotalBatches = total,
            LatestLoss = LatestLoss,
            LastUpdate = WireLimits.ToDateTimeOffset(LastUpdateMs),
            NonFinite = Counts(nan, positive, negative),
        };
    }

    public LossStatistics BuildStatistics()
    {
        UpdateSorted();
        long count = 0, nan = 0, positive = 0, negative = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity, stepSum = 0;
        foreach (var timestep in _timesteps.Values)
        {
            for (var i = 0; i < timestep.Values.Count; i++)
            {
                var value = timestep.Values[i];
                if (double.IsFinite(value))
                {
                    count++;
                    sum += value;
                    stepSum += timestep.Steps[i];
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                }
                else if (double.IsNaN(value))
                {
                    nan++;
                }
                else if (value > 0)
                {
                    positive++;
                }
                else
                {
                    negative++;
                }
            }
        }

        var nonFinite = Counts(nan, positive, negative);
        if (count == 0)
        {
            return new LossStatistics { RunId = RunId, Count = 0, NonFinite = nonFinite };
        }

        var mean = sum / count;
        var meanStep = stepSum / count;
        double squares = 0, covariance = 0, stepSquares = 0;
        foreach (var timestep in _timesteps.Values)
        {
            for (var i = 0; i < timestep.Values.Count; i++)
            {
                var value = timestep.Values[i];
                if (double.IsFinite(value))
                {
                    var dy = value - mean;
                    var dx = timestep.Steps[i] - meanStep;
                    squares += dy * dy;
                    covariance += dx * dy;
                    stepSquares += dx * dx;
                }
            }
        }

        return new LossStatistics
        {
            RunId = RunId,
            Count = count,
            NonFinite = nonFinite,
            Mean = mean,
            Std = Math.Sqrt(squares / count),
            Min = min,
            Max = max,
            Percentiles = new LossPercentiles(
                _sorted.Percentile(25), _sorted.Percentile(50), _sorted.Percentile(75),
                _sorted.Percentile(90), _sorted.Percentile(95), _sorted.Percentile(99)),
            Trend = count >= 2 && stepSquares > 0 ? Trend(covariance / stepSquares, count, mean) : null,
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
    private static double? FiniteMean(TimestepLosses timestep)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in timestep.Values)
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
            foreach (var timestep in _timesteps.Values)
            {
                foreach (var value in timestep.Values)
                {
                    if (double.IsFinite(value))
                    {
                        _unsorted.Add(value);
                    }
                }
            }
            _rebuildSorted = false;
        }
        _sorted.Add(CollectionsMarshal.AsSpan(_unsorted));
        _unsorted.Clear();
    }

    private static NonFiniteCounts Counts(long nan, long positive, long negative) => nan + positive + negative == 0
        ? NonFiniteCounts.None
        : new NonFiniteCounts { Nan = nan, PositiveInfinity = positive, NegativeInfinity = negative };
}
