using System.Text.Json.Serialization;

namespace Contracts.Analytics;

/// <summary>
/// A timestep with every batch loss in line order (non-finite ones included, as "NaN"/"Infinity"); the answer of
/// <c>/api/loss/current</c> and <c>/api/loss/by_timestep/{timestamp}</c>.
/// </summary>
public sealed record TimestepDetail : TimestepSummary
{
    [JsonPropertyOrder(-1)]
    public required string RunId { get; init; }

    public required double[] Losses { get; init; }

    public static TimestepDetail From(string runId, TimestepSummary summary, double[] losses) => new()
    {
        RunId = runId,
        Timestep = summary.Timestep,
        GlobalStep = summary.GlobalStep,
        FirstStep = summary.FirstStep,
        Batches = summary.Batches,
        Count = summary.Count,
        Mean = summary.Mean,
        Std = summary.Std,
        Min = summary.Min,
        Max = summary.Max,
        NonFinite = summary.NonFinite,
        WallTime = summary.WallTime,
        Losses = losses,
    };
}
