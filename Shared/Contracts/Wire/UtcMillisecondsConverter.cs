using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contracts.Wire;

/// <summary>
/// Writes times as the protocol spells them: ISO 8601 in UTC with milliseconds, <c>2026-11-25T22:21:46.123Z</c>. Every JSON
/// context of the services uses it, so every time on the wire is spelled the same.
/// </summary>
public sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[24];
        value.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-ddTHH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
