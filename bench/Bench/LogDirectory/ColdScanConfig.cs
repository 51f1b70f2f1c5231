namespace Bench.LogDirectory;

/// <summary>Five cold scans, each a whole ingestor start's worth of reading.</summary>
public sealed class ColdScanConfig() : InProcessMonitoringConfig(5);
