using Contracts.Wire;
using Decimation;

namespace Ingestor.Series;

internal static class SeriesPointsFactory
{
    /// <summary>The given points of <paramref name="state"/> as a wire series.</summary>
    public static SeriesPoints Create(SeriesState state, ReadOnlySpan<DecimatedPoint> points, string? op, long? fromStep)
    {
        return DecimatedColumns.From(points)
            .ToSeriesPoints(state.Key, state.SeriesId, state.Decimator.TotalPoints, state.Decimator.BucketWidth, op, fromStep);
    }
}
