using System.Text.Json.Serialization;

namespace Contracts.Wire;

/// <summary>
/// Every run and every decimated series, consistent with the delta numbered <see cref="Seq"/>: a client
/// applies deltas with seq &gt; Seq on top. StreamApi writes it by joining the stored series fragments;
/// this type describes the same JSON for readers.
/// </summary>
public sealed record SnapshotMessage
{
    [JsonPropertyOrder(-2)]
    public required long Seq { get; init; }

    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = StreamEventType.Snapshot;

    public required RunMeta[] Runs { get; init; }

    public required SeriesPoints[] Series { get; init; }
}
