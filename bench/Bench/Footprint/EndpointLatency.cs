namespace Bench.Footprint;

/// <summary>One endpoint's answers, timed back to back: latency and size of the body.</summary>
internal sealed record EndpointLatency(string Path, double P50Ms, double MaxMs, long Bytes, int Status);
