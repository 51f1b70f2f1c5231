using System.Text.Json.Serialization;

namespace Contracts.Wire;

/// <summary>Changes to series since the previous message. Published on Redis pub/sub and relayed as SSE "delta".</summary>
public sealed record DeltaMessage
{
    [JsonPropertyOrder(-2)]
    public required long Seq { get; init; }

    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = StreamEventType.Delta;

    /// <summary>When the ingestor published it, Unix milliseconds (lets a client measure its lag).</summary>
    public long PublishedMs { get; init; }

    public required SeriesPoints[] Series { get; init; }
}
