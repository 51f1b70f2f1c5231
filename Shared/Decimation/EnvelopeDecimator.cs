using System.Buffers;

namespace Decimation;

/// <summary>
/// Batch decimation of a whole range (history read for a zoomed chart): LTTB with the same envelope and
/// non-finite rules as <see cref="SeriesDecimator"/>, but with LTTB's own bucketing by count, so that it returns
/// exactly <c>maxPoints</c> points when there are more raw points than that. See docs/decimation.md.
/// </summary>
public static class EnvelopeDecimator
{
    /// <summary>
    /// Decimates points sorted by step (index i of each span is one point). With more than
    /// <paramref name="maxPoints"/> points: the first point, <paramref name="maxPoints"/> − 2 buckets of equal count,
    /// the last point, each bucket shown by its LTTB-chosen finite point with its finite min/max and non-finite
    /// count. With fewer: every point as is. A repeated step is never split between buckets, so output steps
    /// strictly increase (and repeated steps can make fewer points).
    /// </summary>
    /// <param name="nonFiniteWeights">
    /// Empty for raw points. For points that each stand for several raw values (pre-aggregated elsewhere): how many
    /// non-finite raw values point i stands for, so each bucket's <see cref="DecimatedPoint.NonFinite"/> is the true count.
    /// </param>
    /// <exception cref="ArgumentException">The spans differ in length, or the steps are not sorted.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPoints"/> is below 2.</exception>
    public static DecimatedPoint[] Decimate(
        ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values, int maxPoints, ReadOnlySpan<int> nonFiniteWeights = default)
    {
        if (!nonFiniteWeights.IsEmpty && nonFiniteWeights.Length != steps.Length)
        {
            throw new ArgumentException(
                $"nonFiniteWeights must be empty or as long as steps (got {nonFiniteWeights.Length}, {steps.Length}).", nameof(nonFiniteWeights));
        }

        if (steps.Length != timesMs.Length || steps.Length != values.Length)
        {
            throw new ArgumentException(
                $"steps, timesMs and values must be the same length (got {steps.Length}, {timesMs.Length}, {values.Length}).",
                nameof(values));
        }

        if (maxPoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints,
                "maxPoints must be at least 2: the first and the last point are always kept.");
        }

        if (steps.IsEmpty)
        {
            return [];
        }

        var rented = ArrayPool<IndexBucket>.Shared.Rent(Math.Min(steps.Length, maxPoints));
        try
        {
            var buckets = rented.AsSpan(0, IndexBucketing.Build(steps, values, maxPoints, rented));
            return Choose(steps, timesMs, values, buckets, nonFiniteWeights);
        }
        finally
        {
            ArrayPool<IndexBucket>.Shared.Return(rented);
        }
    }

    private static DecimatedPoint[] Choose(
        ReadOnlySpan<long> steps, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> values, ReadOnlySpan<IndexBucket> buckets, ReadOnlySpan<int> nonFiniteWeights)
    {
        var result = new DecimatedPoint[buckets.Length];
        var anchor = -1;
        var next = 0;
        for (var k = 0; k < buckets.Length; k++)
        {
            ref readonly var bucket = ref buckets[k];
            var nonFinite = nonFiniteWeights.IsEmpty ? bucket.NonFiniteCount : Sum(nonFiniteWeights[bucket.Start..bucket.End]);
            if (!bucket.HasFinite)
            {
                var first = bucket.FirstNonFinite;
                result[k] = new DecimatedPoint(steps[first], timesMs[first], values[first], values[first], values[first], nonFinite);
                continue;
            }

            if (next <= k)
            {
                next = k + 1;
                while (next < buckets.Length && !buckets[next].HasFinite)
                {
                    next++;
                }
            }

            int chosen;
            if (next == buckets.Length)
            {
                chosen = bucket.LastFinite;
            }
            else if (anchor < 0)
            {
                chosen = bucket.FirstFinite;
            }
            else
            {
                chosen = ChooseByLttb(steps, values, bucket, anchor, buckets[next]);
            }

            result[k] = new DecimatedPoint(steps[chosen], timesMs[chosen], values[chosen], values[bucket.Min], values[bucket.Max], nonFinite);
            anchor = chosen;
        }

        return result;
    }

    private static int Sum(ReadOnlySpan<int> counts)
    {
        var sum = 0;
        foreach (var count in counts)
        {
            sum += count;
        }
        return sum;
    }

    private static int ChooseByLttb(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, in IndexBucket bucket, int anchor, in IndexBucket next)
    {
        var ax = (double)steps[anchor];
        var ay = values[anchor];
        var best = bucket.FirstFinite;
        var bestArea = -1.0;
        for (var i = bucket.Start; i < bucket.End; i++)
        {
            var value = values[i];
            if (!double.IsFinite(value))
            {
                continue;
            }

            var area = TriangleArea.Doubled(ax, ay, steps[i], value, next.AverageStep, next.AverageValue);
            if (area > bestArea)
            {
                bestArea = area;
                best = i;
            }
        }

        return best;
    }
}
