using System.Numerics;
using Decimation;

namespace Shared.Tests.Decimation;

/// <summary>
/// Checks a <see cref="SeriesDecimator"/>'s output against the raw points it was given, computed the slow way:
/// one point per non-empty bucket of <see cref="SeriesDecimator.BucketWidth"/> steps, with exactly that bucket's
/// finite min/max and non-finite count, a value that is one of the bucket's raw points, the series' first and last
/// finite points kept, and no wider buckets than needed.
/// </summary>
public static class DecimationOracle
{
    public static void AssertMatchesRaw(SeriesDecimator decimator, RawSeries raw)
    {
        var points = decimator.GetPoints().ToArray();
        var width = decimator.BucketWidth;
        // The widest grid, 2^63 steps, is reported as long.MaxValue.
        var shift = width == long.MaxValue ? 63 : BitOperations.Log2((ulong)width);
        Assert.True(shift == 63 || 1L << shift == width, $"width {width} is not a power of two");
        Assert.Equal(raw.Length, decimator.TotalPoints);
        Assert.Equal(points.Length, decimator.Count);
        Assert.InRange(points.Length, 0, decimator.MaxPoints);

        var buckets = Group(raw, shift);
        Assert.Equal(buckets.Count, points.Length);
        if (shift > 0)
        {
            Assert.True(Group(raw, shift - 1).Count > decimator.MaxPoints, $"width {width} is wider than needed");
        }

        var index = 0;
        foreach (var (key, bucket) in buckets)
        {
            var point = points[index++];
            Assert.Equal(key, point.Step >> shift);
            Assert.Equal(bucket.NonFinite, point.NonFinite);
            if (bucket.FiniteCount == 0)
            {
                Assert.Equal(bucket.FirstNonFinite.Value, point.Value);
                Assert.Equal(bucket.FirstNonFinite.Value, point.Min);
                Assert.Equal(bucket.FirstNonFinite.Value, point.Max);
                Assert.Equal(bucket.FirstNonFinite.Step, point.Step);
                continue;
            }

            Assert.Equal(bucket.Min, point.Min);
            Assert.Equal(bucket.Max, point.Max);
            Assert.True(double.IsFinite(point.Value));
            Assert.Contains((point.Step, point.TimeMs, point.Value), bucket.Points);
        }

        for (var i = 1; i < points.Length; i++)
        {
            Assert.True(points[i - 1].Step < points[i].Step, $"steps not increasing at {i}");
        }

        AssertKeepsFirstAndLastFinite(points, raw);
    }

    private static void AssertKeepsFirstAndLastFinite(DecimatedPoint[] points, RawSeries raw)
    {
        int first = -1, last = -1;
        for (var i = 0; i < raw.Length; i++)
        {
            if (!double.IsFinite(raw.Values[i]))
            {
                continue;
            }

            if (first < 0 || raw.Steps[i] < raw.Steps[first])
            {
                first = i;
            }

            if (last < 0 || raw.Steps[i] >= raw.Steps[last])
            {
                last = i;
            }
        }

        if (first < 0)
        {
            return;
        }

        var finitePoints = points.Where(p => double.IsFinite(p.Value)).ToArray();
        Assert.Equal((raw.Steps[first], raw.TimesMs[first], raw.Values[first]), (finitePoints[0].Step, finitePoints[0].TimeMs, finitePoints[0].Value));
        Assert.Equal((raw.Steps[last], raw.TimesMs[last], raw.Values[last]), (finitePoints[^1].Step, finitePoints[^1].TimeMs, finitePoints[^1].Value));
    }

    private static SortedDictionary<long, ExpectedBucket> Group(RawSeries raw, int shift)
    {
        var buckets = new SortedDictionary<long, ExpectedBucket>();
        for (var i = 0; i < raw.Length; i++)
        {
            var key = raw.Steps[i] >> shift;
            if (!buckets.TryGetValue(key, out var bucket))
            {
                bucket = new ExpectedBucket();
                buckets.Add(key, bucket);
            }

            bucket.Add(raw.Steps[i], raw.TimesMs[i], raw.Values[i]);
        }

        return buckets;
    }
}
