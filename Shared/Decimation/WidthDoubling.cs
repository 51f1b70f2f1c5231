namespace Decimation;

/// <summary>
/// What a <see cref="SeriesDecimator"/>'s output becomes when its bucket width doubles, computed from the output
/// points alone: a client holding them applies the same rule to the points it has (the protocol's
/// <c>"op":"coarsen"</c>) and ends with exactly the same points, so nothing is resent. Every arithmetic step is one
/// IEEE operation on values the client also has (no sums over more than a group), so JavaScript and .NET agree bit
/// for bit. The rule is in docs/decimation.md, "Doubling the width".
/// </summary>
internal static class WidthDoubling
{
    /// <summary>
    /// Merges, in place, the points that share a bucket of 2^<paramref name="shift"/> steps (the new width) and
    /// returns how many points remain. Each point's step lies in its old bucket, so it lies in its new one.
    /// </summary>
    public static int Merge(Span<DecimatedPoint> points, int shift)
    {
        var lastFinite = points.Length - 1;
        while (lastFinite >= 0 && !double.IsFinite(points[lastFinite].Value))
        {
            lastFinite--;
        }

        var hasAnchor = false;
        DecimatedPoint anchor = default;
        var written = 0;
        var start = 0;
        while (start < points.Length)
        {
            var end = GroupEnd(points, start, shift);
            var merged = MergeGroup(points, start, end, shift, lastFinite, hasAnchor, anchor);
            if (double.IsFinite(merged.Value))
            {
                anchor = merged;
                hasAnchor = true;
            }

            // The next group's points are read before they are overwritten: written <= start < end.
            points[written++] = merged;
            start = end;
        }

        return written;
    }

    private static int GroupEnd(ReadOnlySpan<DecimatedPoint> points, int start, int shift)
    {
        var key = points[start].Step >> shift;
        var end = start + 1;
        while (end < points.Length && points[end].Step >> shift == key)
        {
            end++;
        }

        return end;
    }

    private static DecimatedPoint MergeGroup(ReadOnlySpan<DecimatedPoint> points, int start, int end, int shift, int lastFinite, bool hasAnchor, in DecimatedPoint anchor)
    {
        var firstFinite = -1;
        double min = 0, max = 0;
        var nonFinite = 0;
        for (var i = start; i < end; i++)
        {
            ref readonly var point = ref points[i];
            nonFinite = (int)Math.Min((long)nonFinite + point.NonFinite, int.MaxValue);
            if (!double.IsFinite(point.Value))
            {
                continue;
            }

            // Strict comparisons: on a tie (0 and -0 too) the earlier bucket's extreme stays, as in StepBucket.Absorb.
            if (firstFinite < 0)
            {
                firstFinite = i;
                min = point.Min;
                max = point.Max;
            }
            else
            {
                min = point.Min < min ? point.Min : min;
                max = point.Max > max ? point.Max : max;
            }
        }

        if (firstFinite < 0)
        {
            // Only non-finite values: the first of them shows, as a bucket without a finite value does.
            return points[start] with { NonFinite = nonFinite };
        }

        var chosen = ChosenIndex(points, start, end, shift, firstFinite, lastFinite, hasAnchor, anchor);
        ref readonly var shown = ref points[chosen];
        return new DecimatedPoint(shown.Step, shown.TimeMs, shown.Value, min, max, nonFinite);
    }

    /// <summary>
    /// The series' last finite point stays shown, then its first; otherwise LTTB among the group's finite points,
    /// from the previous group's shown point to the mean of the next finite group's points. Ties go to the earlier step.
    /// </summary>
    private static int ChosenIndex(ReadOnlySpan<DecimatedPoint> points, int start, int end, int shift, int firstFinite, int lastFinite, bool hasAnchor, in DecimatedPoint anchor)
    {
        if (lastFinite < end)
        {
            return lastFinite;
        }

        if (!hasAnchor)
        {
            return firstFinite;
        }

        var (cx, cy) = NextGroupMean(points, end, shift);
        var ax = (double)anchor.Step;
        var best = firstFinite;
        var bestArea = TriangleArea.Doubled(ax, anchor.Value, points[best].Step, points[best].Value, cx, cy);
        for (var i = firstFinite + 1; i < end; i++)
        {
            if (!double.IsFinite(points[i].Value))
            {
                continue;
            }

            var area = TriangleArea.Doubled(ax, anchor.Value, points[i].Step, points[i].Value, cx, cy);
            if (area > bestArea)
            {
                best = i;
                bestArea = area;
            }
        }

        return best;
    }

    /// <summary>The mean step and value of the finite points of the first group from <paramref name="from"/> on that
    /// has any (there is one: the series' last finite point lies after the group being merged).</summary>
    private static (double Step, double Value) NextGroupMean(ReadOnlySpan<DecimatedPoint> points, int from, int shift)
    {
        var i = from;
        while (!double.IsFinite(points[i].Value))
        {
            i++;
        }

        var key = points[i].Step >> shift;
        double steps = 0, values = 0;
        var count = 0;
        for (; i < points.Length && points[i].Step >> shift == key; i++)
        {
            if (double.IsFinite(points[i].Value))
            {
                steps += points[i].Step;
                values += points[i].Value;
                count++;
            }
        }

        return (steps / count, values / count);
    }
}
