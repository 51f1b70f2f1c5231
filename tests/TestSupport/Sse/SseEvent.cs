using System.Text.Json;

namespace TestSupport.Sse;

/// <summary>One event as an EventSource would deliver it.</summary>
public sealed record SseEvent(string? Id, string Event, string Data)
{
    public long Seq => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}
