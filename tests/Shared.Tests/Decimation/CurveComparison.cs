using Decimation;

namespace Shared.Tests.Decimation;

/// <summary>
/// Measures how far two decimations of the same raw series are apart as drawn: linearly interpolated value
/// curves, compared at every raw step, relative to the raw data range. See "Batch versus incremental" in
/// docs/decimation.md for the tolerance these numbers are held to.
/// </summary>
public static class CurveComparison
{
    public static double Range(RawSeries raw) => raw.Values.Max() - raw.Values.Min();

    /// <summary>Mean |a(s) − b(s)| over the raw steps, divided by the data range.</summary>
    public static double MeanDistance(DecimatedPoint[] a, DecimatedPoint[] b, RawSeries raw) =>
        raw.Steps.Average(s => Math.Abs(Interpolate(a, s) - Interpolate(b, s))) / Range(raw);

    /// <summary>Largest |a(s) − b(s)| over the raw steps, divided by the data range.</summary>
    public static double MaxDistance(DecimatedPoint[] a, DecimatedPoint[] b, RawSeries raw) =>
        raw.Steps.Max(s => Math.Abs(Interpolate(a, s) - Interpolate(b, s))) / Range(raw);

    /// <summary>Mean height (max − min) of the envelope of <paramref name="points"/>, divided by the data range.</summary>
    public static double MeanEnvelopeHeight(DecimatedPoint[] points, RawSeries raw) =>
        points.Average(p => p.Max - p.Min) / Range(raw);

    /// <summary>
    /// How far curve <paramref name="a"/> strays outside the envelope of <paramref name="b"/>, taken over the
    /// steps within <paramref name="window"/> of each raw step: the largest excursion, divided by the data range.
    /// </summary>
    public static double EnvelopeExcursion(DecimatedPoint[] a, DecimatedPoint[] b, RawSeries raw, long window)
    {
        var worst = 0.0;
        foreach (var step in raw.Steps)
        {
            var value = Interpolate(a, step);
            var low = double.PositiveInfinity;
            var high = double.NegativeInfinity;
            for (var i = FirstAtOrAfter(b, step - window); i < b.Length && b[i].Step <= step + window; i++)
            {
                low = Math.Min(low, b[i].Min);
                high = Math.Max(high, b[i].Max);
            }

            worst = Math.Max(worst, Math.Max(0, Math.Max(low - value, value - high)));
        }

        return worst / Range(raw);
    }

    public static double Interpolate(DecimatedPoint[] points, long step)
    {
        if (step <= points[0].Step)
        {
            return points[0].Value;
        }

        if (step >= points[^1].Step)
        {
            return points[^1].Value;
        }

        int low = 0, high = points.Length - 1;
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (points[middle].Step <= step)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var t = (double)(step - points[low].Step) / (points[high].Step - points[low].Step);
        return points[low].Value + t * (points[high].Value - points[low].Value);
    }

    private static int FirstAtOrAfter(DecimatedPoint[] points, long step)
    {
        int low = 0, high = points.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (points[middle].Step < step)
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
}
