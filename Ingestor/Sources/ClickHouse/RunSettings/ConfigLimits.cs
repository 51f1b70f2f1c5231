namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>Bounds of a run's config: keys per run, and the length of a key or of a value as JSON text (characters).</summary>
public readonly record struct ConfigLimits(int MaxKeys, int MaxValueLength)
{
    public static ConfigLimits From(ClickHouseSourceOptions options) => new(options.MaxConfigKeys, options.MaxConfigValueLength);
}
