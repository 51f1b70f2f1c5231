namespace Shared.Tests.Decimation;

/// <summary>
/// LTTB written the plain way, apart from the library, to check it against: bucket ranges first, then one
/// pass choosing per bucket. Boundaries are exact integer fractions of the n − 2 inner points.
/// </summary>
public static class ReferenceLttb
{
    public static int[] Select(double[] xs, double[] ys, int threshold)
    {
        var n = xs.Length;
        if (threshold >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var inner = threshold - 2;
        var ranges = new List<(int Start, int End)> { (0, 1) };
        for (var b = 0; b < inner; b++)
        {
            var start = 1 + (int)((long)b * (n - 2) / inner);
            var end = 1 + (int)((long)(b + 1) * (n - 2) / inner);
            ranges.Add((start, end));
        }

        ranges.Add((n - 1, n));

        var kept = new List<int> { 0 };
        for (var r = 1; r < ranges.Count - 1; r++)
        {
            var next = ranges[r + 1];
            var cx = xs[next.Start..next.End].Average();
            var cy = ys[next.Start..next.End].Average();
            var a = kept[^1];
            var best = -1;
            var bestArea = double.NegativeInfinity;
            for (var i = ranges[r].Start; i < ranges[r].End; i++)
            {
                // Shoelace formula for the triangle (a, i, c).
                var area = 0.5 * Math.Abs(xs[a] * (ys[i] - cy) + xs[i] * (cy - ys[a]) + cx * (ys[a] - ys[i]));
                if (area > bestArea)
                {
                    bestArea = area;
                    best = i;
                }
            }

            kept.Add(best);
        }

        kept.Add(n - 1);
        return kept.ToArray();
    }
}
