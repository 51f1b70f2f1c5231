namespace TensorBoard;

public enum TensorBoardValueKind
{
    /// <summary>A <c>simple_value</c>, or a one-element tensor of the <c>scalars</c> plugin.</summary>
    Scalar,

    /// <summary>A <c>histo</c> HistogramProto, or a tensor of the <c>histograms</c> plugin.</summary>
    Histogram,

    /// <summary>
    /// A summary the dashboard lists but does not show: text, an image, audio, or another plugin's tensor
    /// (<see cref="TensorBoardValue.OtherKind"/> says which).
    /// </summary>
    Other,
}
