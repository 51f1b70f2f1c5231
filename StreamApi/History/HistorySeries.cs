using Contracts.Series;

namespace StreamApi.History;

/// <summary>
/// One series of a history read as columns, ordered by step (then time), ready for decimation: index i of each
/// column is one point. Steps can repeat when a run rewrote a step (a restart from a checkpoint).
/// </summary>
public sealed class HistorySeries
{
    public required SeriesKey Key { get; init; }

    public required ReadOnlyMemory<long> Steps { get; init; }

    public required ReadOnlyMemory<long> TimesMs { get; init; }

    /// <summary>NaN and ±Infinity included, as stored.</summary>
    public required ReadOnlyMemory<double> Values { get; init; }

    /// <summary>
    /// Empty for raw rows (each non-finite value is its own point). For aggregated series: how many non-finite
    /// raw values point i stands for, so summing over a range gives the true count.
    /// </summary>
    public ReadOnlyMemory<int> NonFiniteCounts { get; init; }

    public int Count => Steps.Length;
}
