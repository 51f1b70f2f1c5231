using System.Text.Json;
using System.Text.Json.Nodes;
using Contracts.Wire;

namespace Contracts.Redis;

/// <summary>
/// A series of the stored snapshot that an ingestor older than <see cref="Wire.Binary.SeriesBlock"/> wrote as the JSON of
/// <see cref="SeriesPoints"/>. Those ingestors named the series id <c>series</c>, where the wire now says
/// <c>series_id</c>; such an entry stays in Redis until its run is written again, so both are read.
/// </summary>
public static class StoredSeriesJson
{
    private const string OldSeriesIdName = "series";
    private const string SeriesIdName = "series_id";

    /// <summary>The series; <see cref="JsonException"/> when the bytes are not the JSON of one.</summary>
    public static SeriesPoints Read(ReadOnlySpan<byte> json)
    {
        if (JsonNode.Parse(json) is not JsonObject series)
        {
            throw new JsonException("A stored series is a JSON object.");
        }
        if (!series.ContainsKey(SeriesIdName) && series[OldSeriesIdName] is JsonValue seriesId)
        {
            series.Remove(OldSeriesIdName);
            series[SeriesIdName] = seriesId;
        }
        return series.Deserialize(WireJsonContext.Default.SeriesPoints)
            ?? throw new JsonException("A stored series is a JSON object.");
    }
}
