using System.Numerics;
using Contracts.Wire;
using Decimation;

namespace TestSupport.Sse;

/// <summary>
/// One series as a dashboard holds it, changed by the protocol's ops as docs/protocol.md says and as the browser
/// does it (Frontend/app/src/data/coarsen.ts). Written apart from the decimator's own merge on purpose: a test that
/// compares the two catches either drifting from the documented rule.
/// </summary>
public sealed class HeldSeries
{
    private List<DecimatedPoint> _points = [];

    public IReadOnlyList<DecimatedPoint> Points => _points;

    public long BucketWidth { get; private set; } = 1;

    public long TotalPoints { get; private set; }

    public static HeldSeries From(SeriesPoints series)
    {
        var held = new HeldSeries();
        held.Replace(PointsOf(series), series.BucketWidth, series.TotalPoints);
        return held;
    }

    /// <summary>Applies a delta's entry for this series: <c>"replace"</c>, <c>"tail"</c> or <c>"coarsen"</c>.</summary>
    public void Apply(SeriesPoints series)
    {
        var points = PointsOf(series);
        switch (series.Op)
        {
            case SeriesOp.Tail:
                Tail(series.FromStep ?? long.MinValue, points, series.BucketWidth, series.TotalPoints);
                break;
            case SeriesOp.Coarsen:
                Coarsen(series.FromStep ?? long.MinValue, points, series.BucketWidth, series.TotalPoints);
                break;
            default:
                Replace(points, series.BucketWidth, series.TotalPoints);
                break;
        }
    }

    public void Replace(IEnumerable<DecimatedPoint> points, long bucketWidth, long totalPoints)
    {
        _points = [.. points];
        BucketWidth = bucketWidth;
        TotalPoints = totalPoints;
    }

    /// <summary>Drops every point at or after <paramref name="fromStep"/>, then appends <paramref name="points"/>.</summary>
    public void Tail(long fromStep, IEnumerable<DecimatedPoint> points, long bucketWidth, long totalPoints)
    {
        _points.RemoveAll(point => point.Step >= fromStep);
        _points.AddRange(points);
        BucketWidth = bucketWidth;
        TotalPoints = totalPoints;
    }

    /// <summary>Merges the points held, one doubling of the width at a time, up to <paramref name="bucketWidth"/>; then a tail.</summary>
    public void Coarsen(long fromStep, IEnumerable<DecimatedPoint> points, long bucketWidth, long totalPoints)
    {
        for (var shift = ShiftOf(BucketWidth) + 1; shift <= ShiftOf(bucketWidth); shift++)
        {
            _points = MergedTo(_points, shift);
        }
        Tail(fromStep, points, bucketWidth, totalPoints);
    }

    /// <summary>The widest width, 2^63 steps, travels as <see cref="long.MaxValue"/>.</summary>
    private static int ShiftOf(long width) => width == long.MaxValue ? 63 : BitOperations.Log2((ulong)width);

    private static List<DecimatedPoint> MergedTo(List<DecimatedPoint> held, int shift)
    {
        var groups = new List<List<DecimatedPoint>>();
        foreach (var point in held)
        {
            if (groups.Count == 0 || groups[^1][0].Step >> shift != point.Step >> shift)
            {
                groups.Add([]);
            }
            groups[^1].Add(point);
        }

        var lastFiniteGroup = groups.FindLastIndex(group => group.Any(IsFinite));
        var merged = new List<DecimatedPoint>(groups.Count);
        DecimatedPoint? anchor = null;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var nonFinite = (int)Math.Min(group.Sum(point => (long)point.NonFinite), int.MaxValue);
            var finite = group.Where(IsFinite).ToList();
            if (finite.Count == 0)
            {
                merged.Add(group[0] with { NonFinite = nonFinite });
                continue;
            }

            double min = finite[0].Min, max = finite[0].Max;
            foreach (var point in finite.Skip(1))
            {
                if (point.Min < min)
                {
                    min = point.Min;
                }
                if (point.Max > max)
                {
                    max = point.Max;
                }
            }

            DecimatedPoint shown;
            if (g == lastFiniteGroup)
            {
                shown = finite[^1];
            }
            else if (anchor is not { } a)
            {
                shown = finite[0];
            }
            else
            {
                var next = groups.Skip(g + 1).First(candidate => candidate.Any(IsFinite)).Where(IsFinite).ToList();
                double cx = 0, cy = 0;
                foreach (var point in next)
                {
                    cx += point.Step;
                    cy += point.Value;
                }
                cx /= next.Count;
                cy /= next.Count;
                shown = finite[0];
                var largest = Area(a, shown, cx, cy);
                foreach (var candidate in finite.Skip(1))
                {
                    var area = Area(a, candidate, cx, cy);
                    if (area > largest)
                    {
                        (shown, largest) = (candidate, area);
                    }
                }
            }

            var mergedPoint = new DecimatedPoint(shown.Step, shown.TimeMs, shown.Value, min, max, nonFinite);
            merged.Add(mergedPoint);
            anchor = mergedPoint;
        }

        return merged;
    }

    /// <summary>Twice the triangle (anchor, candidate, next mean), written as the browser writes it.</summary>
    private static double Area(DecimatedPoint a, DecimatedPoint b, double cx, double cy)
    {
        double ax = a.Step, bx = b.Step;
        return Math.Abs((bx - ax) * (cy - a.Value) - (cx - ax) * (b.Value - a.Value));
    }

    private static bool IsFinite(DecimatedPoint point) => double.IsFinite(point.Value);

    private static DecimatedPoint[] PointsOf(SeriesPoints series)
    {
        var points = new DecimatedPoint[series.Steps.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new DecimatedPoint(series.Steps[i], series.TimesMs[i], series.Values[i], series.Mins[i], series.Maxs[i], series.NonFinite?[i] ?? 0);
        }
        return points;
    }
}
