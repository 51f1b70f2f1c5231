using System.Buffers;
using System.Runtime.CompilerServices;

namespace Decimation;

/// <summary>
/// One bucket of <see cref="StreamingEnvelopeDecimator"/>: the aggregates <see cref="IndexBucketing"/> computes,
/// in the same order and arithmetic, and the bucket's finite points, kept (in pooled arrays) until its LTTB
/// choice can be made.
/// </summary>
internal sealed class StreamedBucket : IDisposable
{
    private long[] _steps = [];
    private long[] _timesMs = [];
    private double[] _values = [];
    private double _origin;
    private double _sumOffset;
    private double _sumValue;
    private long _firstNonFiniteStep;
    private long _firstNonFiniteTimeMs;
    private double _firstNonFiniteValue;
    private double _min;
    private double _max;

    /// <summary>The bucket's position in the result.</summary>
    public int Slot { get; private set; }

    public int FiniteCount { get; private set; }

    public int NonFiniteCount { get; private set; }

    public bool HasFinite => FiniteCount != 0;

    /// <summary>LTTB's "next bucket" point: the average step and value of the finite points.</summary>
    public double AverageStep => _origin + (_sumOffset / FiniteCount);

    public double AverageValue => _sumValue / FiniteCount;

    public void Open(int slot, long firstStep)
    {
        Slot = slot;
        FiniteCount = 0;
        NonFiniteCount = 0;
        _origin = firstStep;
        _sumOffset = 0;
        _sumValue = 0;
    }

    // A wide read runs this per raw point: optimized from the first call, not after a service's first requests ran it unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long step, long timeMs, double value)
    {
        if (!double.IsFinite(value))
        {
            if (NonFiniteCount++ == 0)
            {
                (_firstNonFiniteStep, _firstNonFiniteTimeMs, _firstNonFiniteValue) = (step, timeMs, value);
            }
            return;
        }

        if (FiniteCount == _steps.Length)
        {
            Grow();
        }
        if (FiniteCount == 0)
        {
            _min = _max = value;
        }
        else if (value < _min)
        {
            _min = value;
        }
        else if (value > _max)
        {
            _max = value;
        }
        _steps[FiniteCount] = step;
        _timesMs[FiniteCount] = timeMs;
        _values[FiniteCount] = value;
        FiniteCount++;
        _sumOffset += step - _origin;
        _sumValue += value;
    }

    /// <summary>A bucket with no finite value shows its first non-finite one.</summary>
    public DecimatedPoint NonFinitePoint() => new(
        _firstNonFiniteStep, _firstNonFiniteTimeMs, _firstNonFiniteValue, _firstNonFiniteValue, _firstNonFiniteValue, NonFiniteCount);

    public DecimatedPoint First() => PointAt(0);

    public DecimatedPoint Last() => PointAt(FiniteCount - 1);

    /// <summary>The finite point with the largest triangle between the previous choice and the next bucket's average.</summary>
    // A wide read runs this per raw point: optimized from the first call, not after a service's first requests ran it unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public DecimatedPoint ChooseByLttb(long anchorStep, double anchorValue, double nextStep, double nextValue)
    {
        var ax = (double)anchorStep;
        var best = 0;
        var bestArea = -1.0;
        for (var i = 0; i < FiniteCount; i++)
        {
            var area = TriangleArea.Doubled(ax, anchorValue, _steps[i], _values[i], nextStep, nextValue);
            if (area > bestArea)
            {
                bestArea = area;
                best = i;
            }
        }
        return PointAt(best);
    }

    public void Dispose()
    {
        Return();
        (_steps, _timesMs, _values) = ([], [], []);
    }

    private DecimatedPoint PointAt(int i) => new(_steps[i], _timesMs[i], _values[i], _min, _max, NonFiniteCount);

    private void Grow()
    {
        var length = Math.Max(256, _steps.Length * 2);
        var steps = ArrayPool<long>.Shared.Rent(length);
        var timesMs = ArrayPool<long>.Shared.Rent(length);
        var values = ArrayPool<double>.Shared.Rent(length);
        _steps.AsSpan(0, FiniteCount).CopyTo(steps);
        _timesMs.AsSpan(0, FiniteCount).CopyTo(timesMs);
        _values.AsSpan(0, FiniteCount).CopyTo(values);
        Return();
        (_steps, _timesMs, _values) = (steps, timesMs, values);
    }

    private void Return()
    {
        if (_steps.Length != 0)
        {
            ArrayPool<long>.Shared.Return(_steps);
            ArrayPool<long>.Shared.Return(_timesMs);
            ArrayPool<double>.Shared.Return(_values);
        }
    }
}
