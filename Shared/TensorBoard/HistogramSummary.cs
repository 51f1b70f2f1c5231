namespace TensorBoard;

/// <summary>
/// What a histogram says in a few numbers. From a <c>HistogramProto</c> (PyTorch, TF1) these are exact; from a
/// tensor histogram of the <c>histograms</c> plugin (TF2: rows of left edge, right edge, count) min and max are
/// the outer edges of the occupied buckets and the sums use bucket centres.
/// </summary>
public readonly record struct HistogramSummary(double Min, double Max, double Count, double Sum, double SumSquares)
{
    public double Mean => Count > 0 ? Sum / Count : double.NaN;

    /// <summary>Population standard deviation.</summary>
    public double StandardDeviation => Count > 0 ? Math.Sqrt(Math.Max(0, (SumSquares / Count) - (Mean * Mean))) : double.NaN;
}
