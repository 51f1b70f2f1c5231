using Decimation;

namespace StreamApi.RawHistory;

/// <summary>
/// A range of one series decimated with LTTB-with-envelope: how many raw points the range holds, the first and last
/// of their steps (meaningless when there is none), and the decimated points.
/// </summary>
public sealed record RawDecimation(int RawCount, long FirstStep, long LastStep, DecimatedPoint[] Points);
