using System.Buffers;
using System.Runtime.CompilerServices;
using Contracts.Redis;

namespace StreamApi.RawHistory;

/// <summary>
/// Points decoded from chunks into columns rented from the shared pool, sized up front from what the index says
/// (so they never grow on the way), and returned to the pool at dispose.
/// </summary>
internal sealed class RawPointBuffer : IDisposable
{
    private long[] _steps;
    private long[] _timesMs;
    private double[] _values;

    public RawPointBuffer(int capacity)
    {
        capacity = Math.Max(capacity, RawPointChunk.PointsPerChunk);
        _steps = ArrayPool<long>.Shared.Rent(capacity);
        _timesMs = ArrayPool<long>.Shared.Rent(capacity);
        _values = ArrayPool<double>.Shared.Rent(capacity);
    }

    public int Count { get; private set; }

    /// <summary>Every point appended so far came in step order.</summary>
    public bool IsSorted { get; private set; } = true;

    public ReadOnlySpan<long> Steps => _steps.AsSpan(0, Count);

    public ReadOnlySpan<long> TimesMs => _timesMs.AsSpan(0, Count);

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public void Clear()
    {
        Count = 0;
        IsSorted = true;
    }

    /// <summary>Appends the chunk's points that lie in <paramref name="range"/>; returns how many.</summary>
    // A wide read runs this per raw point: optimized from the first call, not after a service's first requests ran it unoptimized.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AppendInRange(ReadOnlySpan<byte> chunk, RawRange range)
    {
        if (Count + RawPointChunk.PointsPerChunk > _steps.Length)
        {
            Grow(Count + RawPointChunk.PointsPerChunk);
        }
        var before = Count;
        var last = Count == 0 ? long.MinValue : _steps[Count - 1];
        var points = new RawChunkReader(chunk);
        while (points.MoveNext())
        {
            var (step, timeMs, value) = (points.Step, points.TimeMs, points.Value);
            if (!range.Contains(step, timeMs))
            {
                continue;
            }
            IsSorted &= step >= last;
            last = step;
            _steps[Count] = step;
            _timesMs[Count] = timeMs;
            _values[Count] = value;
            Count++;
        }
        return Count - before;
    }

    /// <summary>Sorts by step; points of one step keep the order they were appended in (a stable sort).</summary>
    public void SortByStep()
    {
        if (IsSorted)
        {
            return;
        }
        var keys = ArrayPool<long>.Shared.Rent(Count);
        var order = ArrayPool<int>.Shared.Rent(Count);
        try
        {
            Steps.CopyTo(keys);
            for (var i = 0; i < Count; i++)
            {
                order[i] = i;
            }
            keys.AsSpan(0, Count).Sort(order.AsSpan(0, Count));
            // The sort is not stable: within each run of one step, put the points back in arrival order.
            for (int start = 0, end; start < Count; start = end)
            {
                for (end = start + 1; end < Count && keys[end] == keys[start]; end++)
                {
                }
                order.AsSpan(start, end - start).Sort();
            }
            Permute(order.AsSpan(0, Count));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(order);
        }
        IsSorted = true;
    }

    public RawColumns ToColumns() => new(Steps.ToArray(), TimesMs.ToArray(), Values.ToArray());

    public void Dispose()
    {
        if (_steps.Length != 0)
        {
            Replace([], [], []);
        }
        Count = 0;
    }

    private void Permute(ReadOnlySpan<int> order)
    {
        var steps = ArrayPool<long>.Shared.Rent(_steps.Length);
        var timesMs = ArrayPool<long>.Shared.Rent(_steps.Length);
        var values = ArrayPool<double>.Shared.Rent(_steps.Length);
        for (var i = 0; i < order.Length; i++)
        {
            steps[i] = _steps[order[i]];
            timesMs[i] = _timesMs[order[i]];
            values[i] = _values[order[i]];
        }
        Replace(steps, timesMs, values);
    }

    private void Grow(int capacity)
    {
        var length = Math.Max(capacity, _steps.Length * 2);
        var steps = ArrayPool<long>.Shared.Rent(length);
        var timesMs = ArrayPool<long>.Shared.Rent(length);
        var values = ArrayPool<double>.Shared.Rent(length);
        Steps.CopyTo(steps);
        TimesMs.CopyTo(timesMs);
        Values.CopyTo(values);
        Replace(steps, timesMs, values);
    }

    /// <summary>Gives the pool back the columns held, and holds these.</summary>
    private void Replace(long[] steps, long[] timesMs, double[] values)
    {
        ArrayPool<long>.Shared.Return(_steps);
        ArrayPool<long>.Shared.Return(_timesMs);
        ArrayPool<double>.Shared.Return(_values);
        (_steps, _timesMs, _values) = (steps, timesMs, values);
    }
}
