using System.Text.Json.Serialization;
using Contracts.Wire;
using StreamApi.Analytics.Histogram;
using StreamApi.Checkpoints;
using StreamApi.Milestones;
using StreamApi.Runs;
using StreamApi.TrainingMetrics;

namespace StreamApi.Json;

/// <summary>Responses of StreamApi's REST endpoints, with the same conventions as the wire contract.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(RunsResponse))]
[JsonSerializable(typeof(MetricsResponse))]
[JsonSerializable(typeof(CheckpointsResponse))]
[JsonSerializable(typeof(MilestonesResponse))]
[JsonSerializable(typeof(LossHistogram))]
public sealed partial class StreamApiJsonContext : JsonSerializerContext;
