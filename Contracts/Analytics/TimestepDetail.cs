using System.Text.Json.Serialization;

namespace Contracts.Analytics;

/// <summary>
/// A timestep with every batch loss in line order (non-finite ones included, as "NaN"/"Infinity"); the answer of
/// <c>/api/loss/current</c> and <c>/api/loss/by_timestep/{timestamp}</c>, stored ready to serve.
/// </summary>
public sealed record TimestepDetail : TimestepSummary
{
    [JsonPropertyOrder(-1)]
    public required string RunId { get; init; }

    public required double[] Losses { get; init; }
}
