using System.Runtime.CompilerServices;

namespace Decimation;

/// <summary>
/// <see cref="EnvelopeDecimator.Decimate"/> for points that arrive piece by piece (chunks read from a store), with
/// the same result point for point, without holding every point. LTTB cuts its buckets by count, so the total is
/// needed up front; the points must come sorted by step. Only two buckets' finite points are held: the one being
/// filled, and the one before it, whose choice waits for the average of the next bucket that has a finite value.
/// </summary>
public sealed class StreamingEnvelopeDecimator : IDisposable
{
    private readonly int _total;
    private readonly int _maxPoints;
    private readonly DecimatedPoint[] _result;
    private StreamedBucket _filling = new();
    private StreamedBucket _waiting = new();
    private bool _isWaiting;
    private bool _hasAnchor;
    private long _anchorStep;
    private double _anchorValue;
    private int _slots;
    private int _bucket = -1;
    private int _nominalEnd;
    private long _lastStep;

    /// <param name="total">How many points <see cref="Add"/> will be given in all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is below 2, or <paramref name="total"/> is negative.</exception>
    public StreamingEnvelopeDecimator(int total, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (maxPoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints,
                "maxPoints must be at least 2: the first and the last point are always kept.");
        }
        _total = total;
        _maxPoints = maxPoints;
        _result = new DecimatedPoint[Math.Min(total, maxPoints)];
    }

    /// <summary>How many points were added so far.</summary>
    public int Added { get; private set; }

    /// <summary>The step of the last point added (meaningful once one was).</summary>
    public long LastStep => _lastStep;

    /// <summary>Adds the next points, sorted by step and not before the last point added.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the steps are not sorted.</exception>
    /// <exception cref="InvalidOperationException">More points than the total given at construction.</exception>
    // A wide read runs this per raw point: optimized from the first call, not after a service's first requests ran it unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values)
    {
        if (steps.Length != timesMs.Length || steps.Length != values.Length)
        {
            throw new ArgumentException(
                $"steps, timesMs and values must be the same length (got {steps.Length}, {timesMs.Length}, {values.Length}).", nameof(values));
        }
        if (steps.Length > _total - Added)
        {
            throw new InvalidOperationException($"{Added + steps.Length} points given, but the total was said to be {_total}.");
        }
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            if (Added > 0 && step < _lastStep)
            {
                throw new ArgumentException($"steps must be sorted: step {step} at index {Added} follows step {_lastStep}.", nameof(steps));
            }
            // As in the batch bucketing: a bucket ends at its nominal end, but a run of one step stays in one bucket.
            if (Added == 0 || (Added >= _nominalEnd && step != _lastStep))
            {
                StartBucket(step);
            }
            _filling.Add(step, timesMs[i], values[i]);
            _lastStep = step;
            Added++;
        }
    }

    /// <summary>The decimated points, once every point was added.</summary>
    /// <exception cref="InvalidOperationException">Fewer points were added than the total given at construction.</exception>
    public DecimatedPoint[] Finish()
    {
        if (Added != _total)
        {
            throw new InvalidOperationException($"{Added} points given, but the total was said to be {_total}.");
        }
        if (Added > 0)
        {
            Close();
            if (_isWaiting)
            {
                Emit(_waiting, _waiting.Last());
                _isWaiting = false;
            }
        }
        return _slots == _result.Length ? _result : _result[.._slots];
    }

    public void Dispose()
    {
        _filling.Dispose();
        _waiting.Dispose();
    }

    private void StartBucket(long firstStep)
    {
        if (Added > 0)
        {
            Close();
        }
        // Nominal buckets that end where the previous one (stretched over a run of one step) already ended are empty.
        do
        {
            _bucket++;
            _nominalEnd = IndexBucketing.NominalEnd(_bucket, _total, _maxPoints);
        }
        while (_nominalEnd <= Added);
        _filling.Open(_slots++, firstStep);
    }

    private void Close()
    {
        if (!_filling.HasFinite)
        {
            _result[_filling.Slot] = _filling.NonFinitePoint();
            return;
        }
        if (_isWaiting)
        {
            var chosen = _hasAnchor
                ? _waiting.ChooseByLttb(_anchorStep, _anchorValue, _filling.AverageStep, _filling.AverageValue)
                : _waiting.First();
            Emit(_waiting, chosen);
        }
        (_waiting, _filling) = (_filling, _waiting);
        _isWaiting = true;
    }

    private void Emit(StreamedBucket bucket, DecimatedPoint chosen)
    {
        _result[bucket.Slot] = chosen;
        (_hasAnchor, _anchorStep, _anchorValue) = (true, chosen.Step, chosen.Value);
    }
}
