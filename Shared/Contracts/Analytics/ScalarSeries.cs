namespace Contracts.Analytics;

/// <summary>
/// One scalar series, the answer of <c>/api/tensorboard/scalars?tag=</c>: every point when it has at most the asked
/// number (<c>max_points</c>), else that many by the live view's LTTB with the min/max envelope of each bucket
/// (<see cref="Mins"/>, <see cref="Maxs"/>, present only then). <see cref="TotalPoints"/> is the series' full length.
/// </summary>
public sealed record ScalarSeries(string RunId, string Tag, long[] Steps, long[] WallTimesMs, double[] Values)
{
    public long TotalPoints { get; init; }

    public double[]? Mins { get; init; }

    public double[]? Maxs { get; init; }
}
