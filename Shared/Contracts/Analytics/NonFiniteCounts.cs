using System.Text.Json.Serialization;

namespace Contracts.Analytics;

/// <summary>Losses that are not numbers, counted apart: they never enter a mean, a deviation, a percentile or a trend.</summary>
public sealed record NonFiniteCounts
{
    public static readonly NonFiniteCounts None = new();

    public long Nan { get; init; }

    public long PositiveInfinity { get; init; }

    public long NegativeInfinity { get; init; }

    [JsonIgnore]
    public long Total => Nan + PositiveInfinity + NegativeInfinity;
}
