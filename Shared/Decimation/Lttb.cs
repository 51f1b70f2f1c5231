namespace Decimation;

/// <summary>
/// Largest-Triangle-Three-Buckets (Steinarsson 2013, "Downsampling Time Series for Visual Representation"):
/// keeps the first and the last point, cuts the points between them into <c>threshold - 2</c> buckets of equal
/// count, and from each bucket keeps the point that makes the largest triangle with the point kept from the
/// previous bucket and the average of the next bucket. Expects finite coordinates; for data with NaN/±Inf and
/// for the min/max envelope use <see cref="EnvelopeDecimator"/>.
/// </summary>
public static class Lttb
{
    /// <summary>
    /// The indices of the points to keep, increasing. Every index when <paramref name="threshold"/> is at least the
    /// number of points; otherwise exactly <paramref name="threshold"/> indices, the first 0 and the last n - 1.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is below 2.</exception>
    public static int[] SelectIndices(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, int threshold)
    {
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"xs has {xs.Length} points but ys has {ys.Length}; they must be the same length.", nameof(ys));
        }

        if (threshold < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                "threshold must be at least 2: the first and the last point are always kept.");
        }

        var n = xs.Length;
        if (threshold >= n)
        {
            var all = new int[n];
            for (var i = 0; i < n; i++)
            {
                all[i] = i;
            }

            return all;
        }

        var selected = new int[threshold];
        var middleBuckets = threshold - 2;
        var anchor = 0;
        for (var bucket = 0; bucket < middleBuckets; bucket++)
        {
            var start = BucketStart(bucket, n, middleBuckets);
            var end = BucketStart(bucket + 1, n, middleBuckets);
            var nextEnd = bucket + 1 < middleBuckets ? BucketStart(bucket + 2, n, middleBuckets) : n;

            var (averageX, averageY) = Average(xs, ys, end, nextEnd);
            var best = start;
            var bestArea = -1.0;
            for (var i = start; i < end; i++)
            {
                var area = TriangleArea.Doubled(xs[anchor], ys[anchor], xs[i], ys[i], averageX, averageY);
                if (area > bestArea)
                {
                    bestArea = area;
                    best = i;
                }
            }

            selected[bucket + 1] = best;
            anchor = best;
        }

        selected[threshold - 1] = n - 1;
        return selected;
    }

    /// <summary>
    /// First index of middle bucket <paramref name="bucket"/>: the n - 2 inner points split evenly, in exact integer
    /// arithmetic so that no rounding moves a boundary.
    /// </summary>
    internal static int BucketStart(int bucket, int n, int middleBuckets) =>
        1 + (int)((long)bucket * (n - 2) / middleBuckets);

    private static (double X, double Y) Average(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, int start, int end)
    {
        double sumX = 0, sumY = 0;
        for (var i = start; i < end; i++)
        {
            sumX += xs[i];
            sumY += ys[i];
        }

        var count = end - start;
        return (sumX / count, sumY / count);
    }
}
