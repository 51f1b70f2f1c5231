using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceDefaults.Health;

/// <summary>
/// Writes the health report as JSON with one entry per check, so an operator sees which dependency is down
/// and why (the status code alone says only that something is).
/// </summary>
public static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteNumber("duration_ms", report.TotalDuration.TotalMilliseconds);
        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                writer.WriteString("description", description);
            }
            if (entry.Exception is { } exception)
            {
                writer.WriteString("error", exception.Message);
            }
            if (entry.Data.Count > 0)
            {
                writer.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case DateTimeOffset t: writer.WriteStringValue(t); break;
            case TimeSpan s: writer.WriteNumberValue(s.TotalSeconds); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
