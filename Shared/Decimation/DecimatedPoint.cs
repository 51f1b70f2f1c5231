namespace Decimation;

/// <summary>
/// One decimated point: one bucket of raw points. <see cref="Value"/> is the LTTB-chosen finite value (at
/// <see cref="Step"/> and <see cref="TimeMs"/>, the raw point it came from); <see cref="Min"/> and
/// <see cref="Max"/> are the bucket's finite extremes. A bucket with no finite value has its first non-finite
/// raw value in all three. <see cref="NonFinite"/> counts the NaN/±Inf raw values in the bucket.
/// </summary>
public readonly record struct DecimatedPoint(long Step, long TimeMs, double Value, double Min, double Max, int NonFinite);
