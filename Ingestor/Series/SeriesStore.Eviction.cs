using Contracts.Series;
using Contracts.Wire;
using Decimation;
using Ingestor.Model;

namespace Ingestor.Series;

/// <summary>
/// Releasing finished runs. A run is evicted when its source reports it finished, no point arrived for the
/// retention, and everything it holds is in the stored snapshot; only its <see cref="RunState"/> stays (it keeps
/// its place in the run list). Points that arrive for it later are parked until the publisher has read its series
/// back from Redis, then applied on top, so a resumed run continues its history instead of starting anew.
/// </summary>
public sealed partial class SeriesStore
{
    /// <summary>Releases the series of every run finished for longer than the retention; how many runs it released.</summary>
    public int EvictFinishedRuns()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var evicted = 0;
            foreach (var run in _runs.Values)
            {
                if (run.Evicted || run.FromSource is not { IsActive: false } || now - run.LastChangedAt < _retention
                    || run.Series.Exists(static state => state.InDelta || state.InSnapshot))
                {
                    continue;
                }
                foreach (var state in run.Series)
                {
                    _series.Remove(state.Key);
                }
                run.Series.Clear();
                run.Series.Capacity = 0;
                run.Evicted = true;
                evicted++;
            }
            return evicted;
        }
    }

    /// <summary>Evicted runs that received points since: the publisher reads their series back.</summary>
    public IReadOnlyList<string> RunsAwaitingRestore()
    {
        lock (_gate)
        {
            return _awaitingRestore.Count == 0 ? [] : [.. _awaitingRestore];
        }
    }

    /// <summary>
    /// Brings an evicted run back from its stored series, then applies what arrived meanwhile. A stored series that
    /// cannot be a decimator's output is skipped (counted in the result): its new points start it anew.
    /// </summary>
    public int RestoreRun(string runId, IReadOnlyList<SeriesPoints> stored)
    {
        var unreadable = 0;
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var run) || !run.Evicted)
            {
                return 0;
            }
            foreach (var series in stored)
            {
                var key = new SeriesKey(runId, series.Metric, series.Host, series.Rank, series.Device);
                if (!TryRestoreDecimator(series, out var decimator))
                {
                    unreadable++;
                    continue;
                }
                var state = new SeriesState(key, decimator) { NeverPublished = false };
                if (_series.TryAdd(key, state))
                {
                    run.Series.Add(state);
                }
            }
            run.Evicted = false;
            _awaitingRestore.Remove(runId);
            var now = _time.GetUtcNow();
            foreach (var group in run.Parked)
            {
                Apply(group, now);
            }
            run.Parked.Clear();
        }
        _changed.Writer.TryWrite(true);
        return unreadable;
    }

    private void Park(RunState run, SeriesSamples group)
    {
        var copy = new SeriesSamples(group.Key) { ReplacesSeries = group.ReplacesSeries };
        copy.Samples.AddRange(group.Samples);
        run.Parked.Add(copy);
        _awaitingRestore.Add(run.RunId);
    }

    private bool TryRestoreDecimator(SeriesPoints series, out SeriesDecimator decimator)
    {
        var count = series.Steps.Length;
        decimator = null!;
        if (series.TimesMs.Length != count || series.Values.Length != count || series.Mins.Length != count
            || series.Maxs.Length != count || (series.NonFinite is { } lengths && lengths.Length != count))
        {
            return false;
        }
        var points = new DecimatedPoint[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = new DecimatedPoint(series.Steps[i], series.TimesMs[i], series.Values[i], series.Mins[i], series.Maxs[i], series.NonFinite?[i] ?? 0);
        }
        try
        {
            decimator = SeriesDecimator.Restore(_maxPoints, series.BucketWidth, series.TotalPoints, points);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
