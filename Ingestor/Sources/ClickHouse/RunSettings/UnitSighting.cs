namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>The newest non-empty <c>unit</c> of one metric of a run, and when it was written (Unix ms).</summary>
public readonly record struct UnitSighting(string RunId, string Metric, string Unit, long NewestMs);
