namespace Contracts.Decimation;

/// <summary>Where raw points go: finding, inserting and merging buckets.</summary>
public sealed partial class SeriesDecimator
{
    /// <summary>Adds the points from <paramref name="i"/> on that fall into the last bucket (an in-order append);
    /// returns the index of the first point that does not.</summary>
    private int AddRunToTail(ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values, int i)
    {
        if (count == 0)
        {
            return i;
        }

        ref var tail = ref buckets[count - 1];
        var key = tail.Key;
        var start = key << shift;
        var runStart = i;
        while (i < steps.Length && steps[i] >> shift == key)
        {
            tail.Include(start, steps[i], timesMs[i], values[i]);
            TrackEnds(steps[i], timesMs[i], values[i]);
            i++;
        }

        if (i > runStart)
        {
            TotalPoints += i - runStart;
            MarkChanged(key);
        }

        return i;
    }

    private void AddToOtherBucket(long key, long step, long timeMs, double value)
    {
        var start = key << shift;
        if (count == 0 || key > buckets[count - 1].Key)
        {
            EnsureCapacity();
            buckets[count++] = StepBucket.Create(key, start, step, timeMs, value);
        }
        else
        {
            var index = LowerBound(key);
            if (buckets[index].Key == key)
            {
                buckets[index].Include(start, step, timeMs, value);
                return;
            }

            EnsureCapacity();
            Array.Copy(buckets, index, buckets, index + 1, count - index);
            buckets[index] = StepBucket.Create(key, start, step, timeMs, value);
            count++;
        }

        if (count > MaxPoints)
        {
            Coarsen();
        }
    }

    /// <summary>The index of the first bucket whose key is at least <paramref name="key"/>.</summary>
    private int LowerBound(long key)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (buckets[middle].Key < key)
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
        if (count < buckets.Length)
        {
            return;
        }

        var capacity = (int)Math.Min(2L * buckets.Length, MaxPoints + 1L);
        Array.Resize(ref buckets, capacity);
        Array.Resize(ref points, capacity);
    }

    /// <summary>Doubles the bucket width, merging each pair of buckets that now share a key, until at most
    /// <see cref="MaxPoints"/> buckets remain (sparse steps may need more than one doubling).</summary>
    private void Coarsen()
    {
        do
        {
            shift++;
            var written = 0;
            for (var read = 0; read < count; read++)
            {
                var bucket = buckets[read];
                var oldStart = bucket.Key << (shift - 1);
                var key = bucket.Key >> 1;
                var offset = oldStart - (key << shift);
                if (written != 0 && buckets[written - 1].Key == key)
                {
                    buckets[written - 1].Absorb(bucket, offset);
                }
                else
                {
                    bucket.Rebase(key, offset);
                    buckets[written++] = bucket;
                }
            }

            count = written;
        }
        while (count > MaxPoints);

        staleKey = long.MinValue;
        changedKey = long.MaxValue;
        replacePending = true;
    }
}
