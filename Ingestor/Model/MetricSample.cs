namespace Ingestor.Model;

/// <summary>One raw point of a series: its step, its wall time (Unix ms) and its value (may be NaN or ±Inf).</summary>
public readonly record struct MetricSample(long Step, long TimeMs, double Value);
