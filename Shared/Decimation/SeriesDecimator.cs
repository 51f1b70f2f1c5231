using System.Runtime.CompilerServices;

namespace Decimation;

/// <summary>
/// Decimates one live series incrementally to at most <see cref="MaxPoints"/> points, in memory bounded by
/// <see cref="MaxPoints"/> however many raw points arrive. The step axis is cut into buckets of
/// <see cref="BucketWidth"/> steps aligned to multiples of the width; each bucket keeps O(1) aggregates and shows
/// as one point chosen by LTTB, with its finite min and max. When a new bucket would make more than
/// <see cref="MaxPoints"/>, the width doubles and neighbouring buckets merge, their points too (a
/// <see cref="DecimationChangeKind.Coarsen"/>, which a holder of the output applies itself).
/// Points may arrive in any step order and steps may repeat. Not thread-safe. See docs/decimation.md.
/// </summary>
public sealed partial class SeriesDecimator
{
    /// <summary>Buckets a new series starts with room for; the arrays grow by doubling up to <see cref="MaxPoints"/> + 1,
    /// so thousands of short series do not each hold a full-size buffer.</summary>
    private const int InitialCapacity = 16;

    /// <summary>The object and the two array headers, for <see cref="ApproximateBytes"/>.</summary>
    private const int FixedOverheadBytes = 200;

    private StepBucket[] _buckets;
    private DecimatedPoint[] _points;
    private int _count;
    private int _shift;

    private bool _hasFinite;
    private SamplePoint _firstFinite;
    private SamplePoint _lastFinite;

    /// <summary>The smallest bucket key whose aggregates changed since <see cref="_points"/> was last brought up to date;
    /// <see cref="long.MinValue"/> for all, <see cref="long.MaxValue"/> for none.</summary>
    private long _staleKey = long.MaxValue;

    /// <summary>Like <see cref="_staleKey"/>, since the last <see cref="TakeChange"/>.</summary>
    private long _changedKey = long.MaxValue;

    private bool _replacePending = true;

    /// <summary>The width doubled since the last <see cref="TakeChange"/>.</summary>
    private bool _coarsenPending;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is below 4.</exception>
    public SeriesDecimator(int maxPoints)
    {
        if (maxPoints < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints,
                "maxPoints must be at least 4: the first and the last bucket always show the series' first and last " +
                "raw points, which leaves LTTB at least two buckets in between to choose in.");
        }

        MaxPoints = maxPoints;
        var capacity = Math.Min(InitialCapacity, maxPoints + 1);
        _buckets = new StepBucket[capacity];
        _points = new DecimatedPoint[capacity];
    }

    public int MaxPoints { get; }

    /// <summary>Raw points accepted, NaN/±Inf included.</summary>
    public long TotalPoints { get; private set; }

    /// <summary>Steps per bucket, a power of two; 1 means every distinct step is its own point (not decimated).
    /// <see cref="long.MaxValue"/> stands for 2^63, reached only by steps spread over the whole range of a long.</summary>
    public long BucketWidth => _shift >= 63 ? long.MaxValue : 1L << _shift;

    /// <summary>Output points now, at most <see cref="MaxPoints"/>.</summary>
    public int Count => _count;

    /// <summary>Memory this decimator holds, in bytes (its arrays grow with the number of buckets up to the cap).</summary>
    public long ApproximateBytes =>
        FixedOverheadBytes
        + (long)_buckets.Length * Unsafe.SizeOf<StepBucket>()
        + (long)_points.Length * Unsafe.SizeOf<DecimatedPoint>();

    /// <summary>Adds one raw point. Any step order is accepted; a repeated step adds another point to the same bucket.</summary>
    public void Add(long step, long timeMs, double value)
    {
        TotalPoints++;
        TrackEnds(step, timeMs, value);
        var key = step >> _shift;
        MarkChanged(key);
        if (_count != 0 && key == _buckets[_count - 1].Key)
        {
            _buckets[_count - 1].Include(key << _shift, step, timeMs, value);
        }
        else
        {
            AddToOtherBucket(key, step, timeMs, value);
        }
    }

    /// <summary>Adds raw points, index i of each span being one point: the same as <see cref="Add"/> for each, faster.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public void AddRange(ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values)
    {
        if (steps.Length != timesMs.Length || steps.Length != values.Length)
        {
            throw new ArgumentException(
                $"steps, timesMs and values must be the same length (got {steps.Length}, {timesMs.Length}, {values.Length}).",
                nameof(values));
        }

        var i = 0;
        while (i < steps.Length)
        {
            i = AddRunToTail(steps, timesMs, values, i);
            if (i < steps.Length)
            {
                Add(steps[i], timesMs[i], values[i]);
                i++;
            }
        }
    }

    /// <summary>
    /// How the output now differs from the output at the previous call, then starts tracking afresh. The first
    /// call after data arrives answers <see cref="DecimationChangeKind.Replace"/>; the first call after the width
    /// doubled answers <see cref="DecimationChangeKind.Coarsen"/>. Read the points the change covers
    /// (<see cref="GetPointsFrom"/>) before the next <see cref="Add"/>, so that what is sent matches what the change
    /// describes.
    /// </summary>
    public DecimationChange TakeChange()
    {
        if (_count == 0)
        {
            return DecimationChange.None;
        }

        if (_replacePending)
        {
            _replacePending = false;
            _coarsenPending = false;
            _changedKey = long.MaxValue;
            return DecimationChange.Replace;
        }

        if (_changedKey == long.MaxValue)
        {
            return DecimationChange.None;
        }

        var fromStep = _buckets[FirstAffectedIndex(_changedKey)].Key << _shift;
        _changedKey = long.MaxValue;
        if (_coarsenPending)
        {
            _coarsenPending = false;
            return DecimationChange.Coarsen(fromStep);
        }

        return DecimationChange.Tail(fromStep);
    }

    /// <summary>The current output, steps strictly increasing. Valid until the next <see cref="Add"/> or <see cref="AddRange"/>.</summary>
    public ReadOnlySpan<DecimatedPoint> GetPoints()
    {
        Refresh();
        return _points.AsSpan(0, _count);
    }

    /// <summary>The output points with <c>Step &gt;= fromStep</c>: what a <see cref="DecimationChangeKind.Tail"/> delta carries.</summary>
    public ReadOnlySpan<DecimatedPoint> GetPointsFrom(long fromStep)
    {
        var all = GetPoints();
        int low = 0, high = all.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (all[middle].Step < fromStep)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return all[low..];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TrackEnds(long step, long timeMs, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        if (!_hasFinite)
        {
            _hasFinite = true;
            _firstFinite = _lastFinite = new SamplePoint(step, timeMs, value);
            return;
        }

        if (step < _firstFinite.Step)
        {
            _firstFinite = new SamplePoint(step, timeMs, value);
        }

        // On a repeated step the newest point is the truth.
        if (step >= _lastFinite.Step)
        {
            _lastFinite = new SamplePoint(step, timeMs, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkChanged(long key)
    {
        if (key < _staleKey)
        {
            _staleKey = key;
        }

        if (key < _changedKey)
        {
            _changedKey = key;
        }
    }
}
