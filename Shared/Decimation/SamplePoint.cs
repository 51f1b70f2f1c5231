namespace Decimation;

/// <summary>One raw point: the decimators keep a few of these per bucket, never all of them.</summary>
internal readonly record struct SamplePoint(long Step, long TimeMs, double Value);
