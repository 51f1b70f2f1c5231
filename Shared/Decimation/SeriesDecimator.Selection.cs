namespace Decimation;

/// <summary>Which point shows each bucket: LTTB over the bucket's min and max, recomputed only where something changed.</summary>
public sealed partial class SeriesDecimator
{
    /// <summary>Brings <see cref="_points"/> up to date from the first bucket whose point may have changed.</summary>
    private void Refresh()
    {
        if (_staleKey == long.MaxValue)
        {
            return;
        }

        var from = _staleKey == long.MinValue ? 0 : FirstAffectedIndex(_staleKey);
        _staleKey = long.MaxValue;

        var previous = PreviousFinite(from);
        var hasAnchor = previous >= 0;
        var anchor = hasAnchor ? ChosenPoint(_points[previous]) : default;
        var next = from;
        for (var i = from; i < _count; i++)
        {
            ref readonly var bucket = ref _buckets[i];
            if (!bucket.HasFinite)
            {
                var first = bucket.Min;
                _points[i] = new DecimatedPoint(first.Step, first.TimeMs, first.Value, first.Value, first.Value, bucket.NonFiniteCount);
                continue;
            }

            if (next <= i)
            {
                next = NextFinite(i + 1);
            }

            SamplePoint chosen;
            if (next == _count)
            {
                chosen = _lastFinite;
            }
            else if (!hasAnchor)
            {
                chosen = _firstFinite;
            }
            else
            {
                chosen = ChooseByLttb(anchor, _buckets[next], bucket);
            }

            _points[i] = new DecimatedPoint(chosen.Step, chosen.TimeMs, chosen.Value, bucket.Min.Value, bucket.Max.Value, bucket.NonFiniteCount);
            anchor = chosen;
            hasAnchor = true;
        }
    }

    /// <summary>
    /// The first bucket whose point may change when the bucket with <paramref name="key"/> changes: the previous
    /// bucket with finite values (its LTTB choice uses this bucket's average), else that bucket itself. Buckets with
    /// only non-finite values depend on nothing but themselves, so they are skipped.
    /// </summary>
    private int FirstAffectedIndex(long key)
    {
        var index = LowerBound(key);
        var previous = PreviousFinite(index);
        return previous >= 0 ? previous : index;
    }

    private int PreviousFinite(int index)
    {
        var i = index - 1;
        while (i >= 0 && !_buckets[i].HasFinite)
        {
            i--;
        }

        return i;
    }

    private int NextFinite(int index)
    {
        var i = index;
        while (i < _count && !_buckets[i].HasFinite)
        {
            i++;
        }

        return i;
    }

    /// <summary>LTTB restricted to the bucket's min and max: the area is linear in the candidate, so over all of
    /// the bucket's points it is largest at a vertex of their hull, and for a bucket narrow against the whole
    /// series that vertex is almost always the min or the max (the MinMaxLTTB observation).</summary>
    private SamplePoint ChooseByLttb(SamplePoint anchor, in StepBucket next, in StepBucket bucket)
    {
        var ax = (double)anchor.Step;
        var cx = next.AverageStep(_shift);
        var cy = next.AverageValue;
        var min = bucket.Min;
        var max = bucket.Max;
        var minArea = TriangleArea.Doubled(ax, anchor.Value, min.Step, min.Value, cx, cy);
        var maxArea = TriangleArea.Doubled(ax, anchor.Value, max.Step, max.Value, cx, cy);
        if (maxArea > minArea || (maxArea == minArea && max.Step < min.Step))
        {
            return max;
        }

        return min;
    }

    private static SamplePoint ChosenPoint(in DecimatedPoint point) => new(point.Step, point.TimeMs, point.Value);
}
