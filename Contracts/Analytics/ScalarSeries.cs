namespace Contracts.Analytics;

/// <summary>Every point of one scalar series at full resolution; the answer of <c>/api/tensorboard/scalars?tag=</c>.</summary>
public sealed record ScalarSeries(string RunId, string Tag, long[] Steps, long[] WallTimesMs, double[] Values);
