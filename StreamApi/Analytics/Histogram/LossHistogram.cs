using Contracts.Analytics;

namespace StreamApi.Analytics.Histogram;

/// <summary>
/// The answer of <c>/api/loss/histogram</c>: every finite batch loss of a run counted into equal-width bins between
/// its smallest and largest (<see cref="Edges"/> has one more entry than <see cref="Counts"/>; the last bin includes
/// its upper edge). Non-finite losses are counted apart. <see cref="Min"/> and <see cref="Max"/> are left out, and the
/// bins empty, while there is no finite loss.
/// </summary>
public sealed record LossHistogram
{
    public required string RunId { get; init; }

    public required long Count { get; init; }

    public required NonFiniteCounts NonFinite { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary><see cref="BinRule.FreedmanDiaconis"/>, <see cref="BinRule.Sturges"/> or <see cref="BinRule.Requested"/>.</summary>
    public required string Rule { get; init; }

    public required double[] Edges { get; init; }

    public required long[] Counts { get; init; }
}
