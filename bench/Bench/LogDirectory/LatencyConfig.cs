namespace Bench.LogDirectory;

/// <summary>Forty files, one latency each.</summary>
public sealed class LatencyConfig() : InProcessMonitoringConfig(40);
