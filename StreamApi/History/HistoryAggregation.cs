namespace StreamApi.History;

/// <summary>
/// Says that a range held more rows than <see cref="ClickHouseHistoryOptions.MaxRawRows"/>, so ClickHouse cut each
/// series into buckets of <see cref="BucketWidth"/> steps (or milliseconds, when every row has the same step)
/// and sent per bucket its first and last row, its smallest and largest finite value and its first non-finite
/// one, with how many non-finite values it held. The envelope (min, max) and every non-finite value stay exact.
/// </summary>
public sealed record HistoryAggregation(HistoryAxis Axis, long BucketWidth);

public enum HistoryAxis
{
    Step,
    Time,
}
