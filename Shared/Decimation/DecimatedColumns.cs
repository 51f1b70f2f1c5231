using Contracts.Series;
using Contracts.Wire;

namespace Decimation;

/// <summary>
/// Decimated points as the protocol's columns (the arrays of <see cref="SeriesPoints"/>): index i of every
/// array is one point. <see cref="NonFinite"/> is null when no point has a non-finite raw value, since the
/// protocol leaves <c>non_finite</c> out then.
/// </summary>
public sealed record DecimatedColumns(long[] Steps, long[] TimesMs, double[] Values, double[] Mins, double[] Maxs, int[]? NonFinite)
{
    public static DecimatedColumns From(ReadOnlySpan<DecimatedPoint> points)
    {
        var steps = new long[points.Length];
        var times = new long[points.Length];
        var values = new double[points.Length];
        var mins = new double[points.Length];
        var maxs = new double[points.Length];
        var anyNonFinite = false;
        for (var i = 0; i < points.Length; i++)
        {
            ref readonly var point = ref points[i];
            steps[i] = point.Step;
            times[i] = point.TimeMs;
            values[i] = point.Value;
            mins[i] = point.Min;
            maxs[i] = point.Max;
            anyNonFinite |= point.NonFinite != 0;
        }

        int[]? nonFinite = null;
        if (anyNonFinite)
        {
            nonFinite = new int[points.Length];
            for (var i = 0; i < points.Length; i++)
            {
                nonFinite[i] = points[i].NonFinite;
            }
        }

        return new DecimatedColumns(steps, times, values, mins, maxs, nonFinite);
    }

    /// <summary>These columns as the wire series <paramref name="seriesId"/> of <paramref name="key"/>.</summary>
    public SeriesPoints ToSeriesPoints(SeriesKey key, string seriesId, long totalPoints, long bucketWidth, string? op = null, long? fromStep = null) => new()
    {
        RunId = key.RunId,
        SeriesId = seriesId,
        Metric = key.Metric,
        Host = key.Host,
        Rank = key.Rank,
        Device = key.Device,
        Op = op,
        FromStep = fromStep,
        TotalPoints = totalPoints,
        BucketWidth = bucketWidth,
        Steps = Steps,
        TimesMs = TimesMs,
        Values = Values,
        Mins = Mins,
        Maxs = Maxs,
        NonFinite = NonFinite,
    };
}
