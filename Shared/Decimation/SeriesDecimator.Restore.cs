using System.Numerics;

namespace Decimation;

/// <summary>Rebuilding a decimator from its published output, for a series whose memory was released.</summary>
public sealed partial class SeriesDecimator
{
    /// <summary>
    /// A decimator whose output is exactly <paramref name="points"/>, so that a series dropped from memory and
    /// read back from its stored snapshot continues where it stopped. The buckets' aggregates are rebuilt from what
    /// the output keeps: each bucket's extremes stand at its shown point's step, and its average (which LTTB uses
    /// only for the neighbouring bucket's choice, and merging when the width doubles) is the shown value, weighted by
    /// an even share of <paramref name="totalPoints"/>. The output changes only where new points arrive.
    /// </summary>
    /// <exception cref="ArgumentException">The points cannot be this decimator's output: more than
    /// <paramref name="maxPoints"/>, steps not increasing, two points in one bucket, or a width not a power of two.</exception>
    public static SeriesDecimator Restore(int maxPoints, long bucketWidth, long totalPoints, ReadOnlySpan<DecimatedPoint> points)
    {
        var decimator = new SeriesDecimator(maxPoints);
        if (points.Length == 0)
        {
            return decimator;
        }
        if (points.Length > maxPoints)
        {
            throw new ArgumentException($"{points.Length} points cannot be restored into a decimator of {maxPoints}.", nameof(points));
        }
        var shift = bucketWidth == long.MaxValue ? 63 : BitOperations.IsPow2(bucketWidth) ? BitOperations.Log2((ulong)bucketWidth) : -1;
        if (shift < 0)
        {
            throw new ArgumentException($"A bucket width of {bucketWidth} is not a power of two.", nameof(bucketWidth));
        }

        decimator._shift = shift;
        decimator._buckets = new StepBucket[Math.Min(maxPoints + 1, Math.Max(points.Length + 1, InitialCapacity))];
        decimator._points = new DecimatedPoint[decimator._buckets.Length];
        var finiteBuckets = 0;
        long nonFinitePoints = 0;
        foreach (var point in points)
        {
            finiteBuckets += double.IsFinite(point.Value) ? 1 : 0;
            nonFinitePoints += point.NonFinite;
        }
        var weight = finiteBuckets == 0 ? 1 : Math.Max(1, (totalPoints - nonFinitePoints) / finiteBuckets);

        for (var i = 0; i < points.Length; i++)
        {
            var point = points[i];
            var key = point.Step >> shift;
            if (i > 0 && key <= decimator._buckets[i - 1].Key)
            {
                throw new ArgumentException($"Point {i} (step {point.Step}) is not in a later bucket than the one before it.", nameof(points));
            }
            decimator._buckets[i] = RestoredBucket(key, key << shift, point, weight);
            decimator._points[i] = point;
            decimator.TrackEnds(point.Step, point.TimeMs, point.Value);
        }
        decimator._count = points.Length;
        decimator.TotalPoints = totalPoints;
        return decimator;
    }

    private static StepBucket RestoredBucket(long key, long start, in DecimatedPoint point, long weight)
    {
        if (!double.IsFinite(point.Value))
        {
            var only = new SamplePoint(point.Step, point.TimeMs, point.Value);
            return new StepBucket { Key = key, Min = only, Max = only, NonFiniteCount = Math.Max(1, point.NonFinite) };
        }
        return new StepBucket
        {
            Key = key,
            FiniteCount = weight,
            SumOffset = (double)weight * (point.Step - start),
            SumValue = weight * point.Value,
            Min = new SamplePoint(point.Step, point.TimeMs, point.Min),
            Max = new SamplePoint(point.Step, point.TimeMs, point.Max),
            NonFiniteCount = point.NonFinite,
        };
    }
}
