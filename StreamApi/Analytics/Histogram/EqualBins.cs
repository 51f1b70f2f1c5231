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
    private readonly double _step;

    public EqualBins(double min, double max, int bins)
    {
        var (lo, hi) = min == max ? (min - 0.5, max + 0.5) : (min, max);
        _lo = lo;
        _span = hi - lo;
        // Losses near ±double.MaxValue on both sides overflow the span; the width still fits.
        _step = double.IsFinite(_span) ? _span / bins : (hi / bins) - (lo / bins);
        Edges = new double[bins + 1];
        for (var i = 0; i < bins; i++)
        {
            Edges[i] = double.IsFinite(_span) ? (i * _step) + lo : ((lo / bins) * (bins - i)) + ((hi / bins) * i);
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
        var position = double.IsFinite(_span) ? (value - _lo) / _span * bins : ((value / 2) - (_lo / 2)) / (_step / 2);
        var index = double.IsNaN(position) ? 0 : (int)Math.Clamp(position, 0, bins);
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
