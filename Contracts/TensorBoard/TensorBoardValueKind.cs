namespace Contracts.TensorBoard;

public enum TensorBoardValueKind
{
    /// <summary>A <c>simple_value</c>, or a one-element tensor of the <c>scalars</c> plugin.</summary>
    Scalar,

    /// <summary>A <c>histo</c> HistogramProto, or a tensor of the <c>histograms</c> plugin.</summary>
    Histogram,
}
