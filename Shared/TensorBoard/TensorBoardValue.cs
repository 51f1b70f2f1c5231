namespace TensorBoard;

/// <summary>
/// One summary value of an event: a scalar (float32 widened to double where it was written as float32), a histogram,
/// or another kind of summary, named by <see cref="OtherKind"/> (<see cref="OtherSummaryKinds"/>).
/// </summary>
public readonly record struct TensorBoardValue(string Tag, TensorBoardValueKind Kind, double Scalar, HistogramSummary Histogram, string? OtherKind = null);
