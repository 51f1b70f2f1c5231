namespace Decimation;

/// <summary>Cuts sorted points into <see cref="EnvelopeDecimator"/>'s buckets and aggregates each in one pass.</summary>
internal static class IndexBucketing
{
    /// <summary>Fills <paramref name="buckets"/> and returns how many there are.</summary>
    public static int Build(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, int maxPoints, Span<IndexBucket> buckets)
    {
        var n = steps.Length;
        var nominalBuckets = Math.Min(n, maxPoints);
        var count = 0;
        var start = 0;
        for (var k = 0; k < nominalBuckets && start < n; k++)
        {
            var end = NominalEnd(k, n, maxPoints);
            if (end <= start)
            {
                continue;
            }

            // A run of one step stays in one bucket, so output steps strictly increase.
            while (end < n && steps[end] == steps[end - 1])
            {
                end++;
            }

            buckets[count++] = Aggregate(steps, values, start, end);
            start = end;
        }

        return count;
    }

    /// <summary>The exclusive end of bucket <paramref name="k"/> before runs of one step are kept together.</summary>
    internal static int NominalEnd(int k, int n, int maxPoints)
    {
        if (n <= maxPoints)
        {
            return k + 1;
        }

        // Two buckets cannot be LTTB's first point and last point alone: every raw point must be in some envelope.
        if (maxPoints == 2)
        {
            return k == 0 ? n / 2 : n;
        }

        if (k == maxPoints - 1)
        {
            return n;
        }

        return k == 0 ? 1 : Lttb.BucketStart(k, n, maxPoints - 2);
    }

    private static IndexBucket Aggregate(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, int start, int end)
    {
        var bucket = new IndexBucket { Start = start, End = end, FirstNonFinite = -1, FirstFinite = -1, LastFinite = -1, Min = -1, Max = -1 };
        var origin = (double)steps[start];
        double sumOffset = 0, sumValue = 0;
        for (var i = start; i < end; i++)
        {
            if (i > 0 && steps[i] < steps[i - 1])
            {
                throw new ArgumentException($"steps must be sorted: step {steps[i]} at index {i} follows step {steps[i - 1]}.", nameof(steps));
            }

            var value = values[i];
            if (!double.IsFinite(value))
            {
                if (bucket.NonFiniteCount++ == 0)
                {
                    bucket.FirstNonFinite = i;
                }

                continue;
            }

            if (bucket.FiniteCount++ == 0)
            {
                bucket.FirstFinite = bucket.Min = bucket.Max = i;
            }
            else if (value < values[bucket.Min])
            {
                bucket.Min = i;
            }
            else if (value > values[bucket.Max])
            {
                bucket.Max = i;
            }

            bucket.LastFinite = i;
            sumOffset += steps[i] - origin;
            sumValue += value;
        }

        if (bucket.FiniteCount != 0)
        {
            bucket.AverageStep = origin + sumOffset / bucket.FiniteCount;
            bucket.AverageValue = sumValue / bucket.FiniteCount;
        }

        return bucket;
    }
}
