namespace Decimation;

/// <summary>One bucket of <see cref="EnvelopeDecimator"/>: the raw indices [Start, End) and their aggregates, as indices.</summary>
internal struct IndexBucket
{
    public int Start;
    public int End;
    public int FiniteCount;
    public int NonFiniteCount;

    /// <summary>Index of the first non-finite point, or -1.</summary>
    public int FirstNonFinite;

    /// <summary>Indices of the first and last finite points and of the (first) smallest and largest finite values; -1 when there is none.</summary>
    public int FirstFinite;
    public int LastFinite;
    public int Min;
    public int Max;

    /// <summary>Average step and value of the finite points: the "next bucket" point of LTTB.</summary>
    public double AverageStep;
    public double AverageValue;

    public readonly bool HasFinite => FiniteCount != 0;
}
