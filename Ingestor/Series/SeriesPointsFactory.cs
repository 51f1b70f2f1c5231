using Contracts.Decimation;
using Contracts.Wire;

namespace Ingestor.Series;

internal static class SeriesPointsFactory
{
    /// <summary>Columns of the points of <paramref name="state"/> from index <paramref name="from"/> on.</summary>
    public static SeriesPoints Create(SeriesState state, int from, string? op, long? fromStep)
    {
        var points = state.Decimator.GetPoints()[from..];
        var steps = new long[points.Length];
        var times = new long[points.Length];
        var values = new double[points.Length];
        var mins = new double[points.Length];
        var maxs = new double[points.Length];
        int[]? nonFinite = null;
        for (var i = 0; i < points.Length; i++)
        {
            ref readonly var point = ref points[i];
            steps[i] = point.Step;
            times[i] = point.TimeMs;
            values[i] = point.Value;
            mins[i] = point.Min;
            maxs[i] = point.Max;
            if (point.NonFinite != 0)
            {
                nonFinite ??= new int[points.Length];
                nonFinite[i] = point.NonFinite;
            }
        }
        var key = state.Key;
        return new SeriesPoints
        {
            RunId = key.RunId,
            Series = state.Id,
            Metric = key.Metric,
            Host = key.Host,
            Rank = key.Rank,
            Device = key.Device,
            Op = op,
            FromStep = fromStep,
            TotalPoints = state.Decimator.TotalPoints,
            BucketWidth = state.Decimator.BucketWidth,
            Steps = steps,
            TimesMs = times,
            Values = values,
            Mins = mins,
            Maxs = maxs,
            NonFinite = nonFinite,
        };
    }

    /// <summary>Index of the first point with a step at or after <paramref name="step"/>.</summary>
    public static int IndexOfStep(ReadOnlySpan<DecimatedPoint> points, long step)
    {
        int low = 0, high = points.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
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
