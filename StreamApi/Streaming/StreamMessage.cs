using System.Text.Json;
using Contracts.Wire;

namespace StreamApi.Streaming;

/// <summary>
/// One sequenced message as the ingestor published it. Every unfiltered client is sent the same bytes; a filtered
/// view is made per distinct filter and shared through the bounded <see cref="FilteredViewCache"/>.
/// </summary>
public sealed class StreamMessage
{
    private readonly ViewSource _view = new();

    private StreamMessage(long seq, string type, byte[] payload)
    {
        Seq = seq;
        Type = type;
        Payload = payload;
    }

    public long Seq { get; }

    /// <summary>The SSE event name: "delta" or "runs_meta".</summary>
    public string Type { get; }

    public byte[] Payload { get; }

    /// <summary>
    /// Reads seq and type, which the ingestor writes first and in that order (so the rest is never parsed
    /// here); null when the bytes are not such a message.
    /// </summary>
    public static StreamMessage? TryParse(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!(reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("seq"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq)
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("type"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.String))
            {
                return null;
            }
            var type = reader.ValueTextEquals(StreamEventType.Delta) ? StreamEventType.Delta
                : reader.ValueTextEquals(StreamEventType.RunsMeta) ? StreamEventType.RunsMeta
                : null;
            return type is null ? null : new StreamMessage(seq, type, payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The bytes for a client with <paramref name="filter"/>.</summary>
    public byte[] For(StreamFilter filter, FilteredViewCache cache) => filter.IsEmpty ? Payload : cache.GetOrAdd(_view, this, filter, Filter);

    private static byte[] Filter(StreamFilter filter, StreamMessage message)
    {
        if (message.Type == StreamEventType.RunsMeta)
        {
            var runs = JsonSerializer.Deserialize(message.Payload, WireJsonContext.Default.RunsMetaMessage)!;
            return JsonSerializer.SerializeToUtf8Bytes(
                runs with { Runs = Array.FindAll(runs.Runs, run => filter.MatchesRun(run.RunId)) },
                WireJsonContext.Default.RunsMetaMessage);
        }
        var delta = JsonSerializer.Deserialize(message.Payload, WireJsonContext.Default.DeltaMessage)!;
        return JsonSerializer.SerializeToUtf8Bytes(
            delta with { Series = Array.FindAll(delta.Series, series => filter.Matches(series.RunId, series.SeriesId)) },
            WireJsonContext.Default.DeltaMessage);
    }
}
