using Contracts.Decimation;
using Contracts.Wire;

namespace Ingestor.Series;

internal static class SeriesPointsFactory
{
    /// <summary>The given points of <paramref name="state"/> as a wire series.</summary>
    public static SeriesPoints Create(SeriesState state, ReadOnlySpan<DecimatedPoint> points, string? op, long? fromStep)
    {
        var columns = DecimatedColumns.From(points);
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
            Steps = columns.Steps,
            TimesMs = columns.TimesMs,
            Values = columns.Values,
            Mins = columns.Mins,
            Maxs = columns.Maxs,
            NonFinite = columns.NonFinite,
        };
    }
}
