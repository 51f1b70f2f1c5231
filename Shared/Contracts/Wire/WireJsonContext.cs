using System.Text.Json.Serialization;

namespace Contracts.Wire;

/// <summary>
/// Source-generated JSON for everything that crosses a service boundary: snake_case names, nulls left out,
/// and non-finite doubles as the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(RunMeta))]
[JsonSerializable(typeof(RunMeta[]))]
[JsonSerializable(typeof(SeriesPoints))]
[JsonSerializable(typeof(DeltaMessage))]
[JsonSerializable(typeof(RunsMetaMessage))]
[JsonSerializable(typeof(SnapshotMessage))]
public sealed partial class WireJsonContext : JsonSerializerContext;
