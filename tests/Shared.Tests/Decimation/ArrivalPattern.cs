namespace Shared.Tests.Decimation;

/// <summary>How <see cref="RandomArrivals"/> picks the steps of the points it makes.</summary>
public enum ArrivalPattern
{
    /// <summary>Each point one step after the last, in bursts of different sizes.</summary>
    InOrder,

    /// <summary>Mostly in order, one point in seven at an earlier step (sometimes one already seen).</summary>
    LatePoints,

    /// <summary>Steps repeat: several points per step, as a metric logged twice per step.</summary>
    RepeatedSteps,

    /// <summary>Long runs of NaN/±Inf between finite stretches, so whole buckets hold no finite value.</summary>
    NonFiniteRuns,

    /// <summary>Steps spread far apart (strides of up to 2^20), so one new bucket makes the width double several times.</summary>
    SparseSteps,

    /// <summary>In order, with values that stay equal for long stretches: LTTB's areas tie and the earlier step must win.</summary>
    Plateaus,

    /// <summary>Negative steps, partly late.</summary>
    NegativeSteps,

    /// <summary>In order at first, then now and then a step anywhere in the range of a long, up to a width of 2^63
    /// (too wide for a browser's numbers).</summary>
    WholeRange,
}
