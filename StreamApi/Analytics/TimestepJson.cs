using System.Text.Json;

namespace StreamApi.Analytics;

/// <summary>
/// Writes the answers that list timesteps straight to the response, from the bytes Redis returned: no string per
/// timestep, no summary decoded only to be encoded again, and the body goes out as it is written. The shapes are
/// those of <c>/api/loss/timesteps</c> and <c>/api/loss/history</c> in docs/protocol.md.
/// </summary>
internal static class TimestepJson
{
    public const string ContentType = "application/json; charset=utf-8";

    private const int FlushBytes = 16 * 1024;
    private static readonly JsonEncodedText RunId = JsonEncodedText.Encode("run_id");
    private static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText Timesteps = JsonEncodedText.Encode("timesteps");

    /// <summary><c>{"run_id","timesteps":["2022-01-01T06:00:00", ...]}</c> from the timesteps' UTF-8 names.</summary>
    public static async Task WriteListAsync(Stream body, string runId, byte[][] timesteps)
    {
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString(RunId, runId);
        writer.WriteStartArray(Timesteps);
        foreach (var timestep in timesteps)
        {
            writer.WriteStringValue(timestep);
            await FlushWhenFullAsync(writer).ConfigureAwait(false);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
    }

    /// <summary><c>{"run_id","limit","timesteps":[TimestepSummary, ...]}</c> from the summaries' stored JSON.</summary>
    public static async Task WriteHistoryAsync(Stream body, string runId, int limit, byte[][] summaries)
    {
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString(RunId, runId);
        writer.WriteNumber(Limit, limit);
        writer.WriteStartArray(Timesteps);
        foreach (var summary in summaries)
        {
            // Written by the ingestor with the same serializer context; validation would parse every byte again.
            writer.WriteRawValue(summary, skipInputValidation: true);
            await FlushWhenFullAsync(writer).ConfigureAwait(false);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
    }

    private static async ValueTask FlushWhenFullAsync(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushBytes)
        {
            await writer.FlushAsync().ConfigureAwait(false);
        }
    }
}
