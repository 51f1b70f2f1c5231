using System.Text.Json.Serialization;
using Contracts.Wire;

namespace Contracts.Analytics;

/// <summary>
/// Source-generated JSON of the loss-analytics payloads (stored in Redis by the ingestor, served by StreamApi):
/// the same conventions as the wire model, snake_case, nulls left out, non-finite numbers as strings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(TimestepSummary))]
[JsonSerializable(typeof(TimestepDetail))]
[JsonSerializable(typeof(LossStatus))]
[JsonSerializable(typeof(LossStatistics))]
[JsonSerializable(typeof(LogDirectoryHealth))]
[JsonSerializable(typeof(ScalarSeries))]
[JsonSerializable(typeof(ScalarTags))]
public sealed partial class AnalyticsJsonContext : JsonSerializerContext;
