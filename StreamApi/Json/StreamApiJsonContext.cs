using System.Text.Json.Serialization;
using StreamApi.Runs;

namespace StreamApi.Json;

/// <summary>Responses of StreamApi's REST endpoints, with the same conventions as the wire contract.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunsResponse))]
public sealed partial class StreamApiJsonContext : JsonSerializerContext;
