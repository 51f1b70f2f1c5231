namespace StreamApi.Analytics.Histogram;

/// <summary>
/// Equal-width bins between a smallest and largest value, counting as numpy's <c>histogram</c> does: edges
/// <c>lo + i·(hi − lo)/n</c> with the last edge exactly <c>hi</c>, each value in the bin whose edges enclose it (a value
/// on an edge goes to the bin it opens, the largest to the last bin), and a range of one value widened to ±0.5.
/// </summary>
public sealed class EqualBins
{
    private readonly double _lo;
    private readonly double _span;

    public EqualBins(double min, double max, int bins)
    {
        var (lo, hi) = min == max ? (min - 0.5, max + 0.5) : (min, max);
        _lo = lo;
        _span = hi - lo;
        var step = _span / bins;
        Edges = new double[bins + 1];
        for (var i = 0; i < bins; i++)
        {
            Edges[i] = (i * step) + lo;
        }
        Edges[bins] = hi;
        Counts = new long[bins];
    }

    public double[] Edges { get; }

    public long[] Counts { get; }

    /// <summary>Counts a finite value within [min, max].</summary>
    public void Add(double value)
    {
        var bins = Counts.Length;
        var index = (int)Math.Clamp((value - _lo) / _span * bins, 0, bins);
        if (index == bins)
        {
            index--;
        }
        if (value < Edges[index])
        {
            index--;
        }
        else if (index != bins - 1 && value >= Edges[index + 1])
        {
            index++;
        }
        Counts[index]++;
    }
}
