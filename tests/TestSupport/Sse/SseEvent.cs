using System.Text.Json;

namespace TestSupport.Sse;

/// <summary>One event as an EventSource would deliver it; comments are kept too, with Event = ":".</summary>
public sealed record SseEvent(string? Id, string Event, string Data)
{
    public const string Comment = ":";

    public long Seq => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}
