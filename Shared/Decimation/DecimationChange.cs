namespace Decimation;

/// <summary>
/// What changed in a <see cref="SeriesDecimator"/>'s output. With <see cref="DecimationChangeKind.Tail"/>, a holder
/// of the previous output drops every point with <c>Step &gt;= FromStep</c> and appends the current points from
/// <see cref="FromStep"/> on (the protocol's <c>"tail"</c> op); with <see cref="DecimationChangeKind.Coarsen"/> it
/// first merges its points to the new width (<c>"coarsen"</c>). <see cref="FromStep"/> is meaningless otherwise.
/// </summary>
public readonly record struct DecimationChange(DecimationChangeKind Kind, long FromStep)
{
    public static DecimationChange None => new(DecimationChangeKind.None, 0);

    public static DecimationChange Replace => new(DecimationChangeKind.Replace, 0);

    public static DecimationChange Tail(long fromStep) => new(DecimationChangeKind.Tail, fromStep);

    public static DecimationChange Coarsen(long fromStep) => new(DecimationChangeKind.Coarsen, fromStep);
}
