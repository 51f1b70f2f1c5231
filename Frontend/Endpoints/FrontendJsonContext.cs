using System.Text.Json.Serialization;

namespace Frontend.Endpoints;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AppConfigDocument))]
public sealed partial class FrontendJsonContext : JsonSerializerContext;
