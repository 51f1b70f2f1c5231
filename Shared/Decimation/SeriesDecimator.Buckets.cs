using System.Diagnostics;

namespace Decimation;

/// <summary>Where raw points go: finding, inserting and merging buckets.</summary>
public sealed partial class SeriesDecimator
{
    /// <summary>
    /// The backfill fast path: adds the finite points from <paramref name="i"/> on that fall into the last bucket
    /// while it has finite values (an in-order append), with the aggregates in locals; returns the index of the
    /// first point it did not take, which then goes through <see cref="Add"/>.
    /// </summary>
    private int AddRunToTail(ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values, int i)
    {
        if (_count == 0 || !_buckets[_count - 1].HasFinite)
        {
            return i;
        }

        ref var tail = ref _buckets[_count - 1];
        var shiftNow = _shift;
        var key = tail.Key;
        var start = key << shiftNow;
        var finiteCount = tail.FiniteCount;
        var sumOffset = tail.SumOffset;
        var sumValue = tail.SumValue;
        var min = tail.Min;
        var max = tail.Max;
        var first = _firstFinite;
        var last = _lastFinite;
        var runStart = i;
        for (; i < steps.Length; i++)
        {
            var step = steps[i];
            var value = values[i];
            if (step >> shiftNow != key || !double.IsFinite(value))
            {
                break;
            }

            finiteCount++;
            sumOffset += step - start;
            sumValue += value;
            if (value < min.Value || (value == min.Value && step < min.Step))
            {
                min = new SamplePoint(step, timesMs[i], value);
            }

            if (value > max.Value || (value == max.Value && step < max.Step))
            {
                max = new SamplePoint(step, timesMs[i], value);
            }

            if (step >= last.Step)
            {
                last = new SamplePoint(step, timesMs[i], value);
            }
            else if (step < first.Step)
            {
                first = new SamplePoint(step, timesMs[i], value);
            }
        }

        if (i == runStart)
        {
            return i;
        }

        tail.FiniteCount = finiteCount;
        tail.SumOffset = sumOffset;
        tail.SumValue = sumValue;
        tail.Min = min;
        tail.Max = max;
        _firstFinite = first;
        _lastFinite = last;
        TotalPoints += i - runStart;
        MarkChanged(key);
        return i;
    }

    private void AddToOtherBucket(long key, long step, long timeMs, double value)
    {
        var start = key << _shift;
        if (_count == 0 || key > _buckets[_count - 1].Key)
        {
            EnsureCapacity();
            _buckets[_count++] = StepBucket.Create(key, start, step, timeMs, value);
        }
        else
        {
            var index = LowerBound(key);
            if (_buckets[index].Key == key)
            {
                _buckets[index].Include(start, step, timeMs, value);
                return;
            }

            EnsureCapacity();
            Array.Copy(_buckets, index, _buckets, index + 1, _count - index);
            _buckets[index] = StepBucket.Create(key, start, step, timeMs, value);
            _count++;
        }

        if (_count > MaxPoints)
        {
            Coarsen();
        }
    }

    /// <summary>The index of the first bucket whose key is at least <paramref name="key"/>.</summary>
    private int LowerBound(long key)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (_buckets[middle].Key < key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void EnsureCapacity()
    {
        if (_count < _buckets.Length)
        {
            return;
        }

        var capacity = (int)Math.Min(2L * _buckets.Length, MaxPoints + 1L);
        Array.Resize(ref _buckets, capacity);
        Array.Resize(ref _points, capacity);
    }

    /// <summary>
    /// Doubles the bucket width, merging each pair of buckets that now share a key, until at most
    /// <see cref="MaxPoints"/> buckets remain (sparse steps may need more than one doubling). The output is merged
    /// from the output points alone (<see cref="WidthDoubling"/>), as a client holding them merges its copy, so
    /// only what changed since the last <see cref="TakeChange"/> has to be sent. Before anything was taken there is
    /// no such copy: the output is chosen afresh then.
    /// </summary>
    private void Coarsen()
    {
        if (_replacePending)
        {
            do
            {
                _shift++;
                MergeBuckets();
            }
            while (_count > MaxPoints);
            _staleKey = long.MinValue;
            return;
        }

        // The output at the old width: what a client holds once it has the pending tail, and what it will merge.
        Refresh();
        do
        {
            var firstDiffering = FirstDifferingKey();
            _shift++;
            var merged = WidthDoubling.Merge(_points.AsSpan(0, _count), _shift);
            MergeBuckets();
            Debug.Assert(merged == _count, "the output merges bucket for bucket");
            // The client's points and ours agree before the changed bucket's previous finite bucket; merging keeps
            // that for the new buckets before the one holding it, and TakeChange steps back one finite bucket more,
            // since a merged point depends on the next group's points.
            _changedKey = firstDiffering == long.MaxValue ? long.MaxValue : firstDiffering >> 1;
        }
        while (_count > MaxPoints);
        _coarsenPending = true;
    }

    /// <summary>The key of the first bucket whose point a client that took the last change may hold differently.</summary>
    private long FirstDifferingKey()
    {
        if (_changedKey == long.MaxValue)
        {
            return long.MaxValue;
        }

        var index = FirstAffectedIndex(_changedKey);
        return index < _count ? _buckets[index].Key : _changedKey;
    }

    private void MergeBuckets()
    {
        var written = 0;
        for (var read = 0; read < _count; read++)
        {
            var bucket = _buckets[read];
            var oldStart = bucket.Key << (_shift - 1);
            var key = bucket.Key >> 1;
            var offset = oldStart - (key << _shift);
            if (written != 0 && _buckets[written - 1].Key == key)
            {
                _buckets[written - 1].Absorb(bucket, offset);
            }
            else
            {
                bucket.Rebase(key, offset);
                _buckets[written++] = bucket;
            }
        }

        _count = written;
    }
}
