using System.Text.Json.Serialization;

namespace Contracts.Wire;

/// <summary>The whole list of runs, sent when it changes. Published on Redis pub/sub and relayed as SSE "runs_meta".</summary>
public sealed record RunsMetaMessage
{
    [JsonPropertyOrder(-2)]
    public required long Seq { get; init; }

    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = StreamEventType.RunsMeta;

    public long PublishedMs { get; init; }

    public required RunMeta[] Runs { get; init; }
}
