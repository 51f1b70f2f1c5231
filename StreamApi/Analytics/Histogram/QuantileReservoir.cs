namespace StreamApi.Analytics.Histogram;

/// <summary>
/// A uniform sample of at most <see cref="Capacity"/> values (Vitter's algorithm R), for the quartiles the bin rule
/// needs without holding every value: 10 million losses cost 512 KiB, not 80 MB. While fewer values than the capacity
/// arrived it holds them all, and the quartiles are exact. The generator is seeded, so the same losses give the same
/// answer every time.
/// </summary>
public sealed class QuantileReservoir(int capacity = QuantileReservoir.Capacity)
{
    public const int Capacity = 65_536;

    private readonly double[] _values = new double[capacity];
    private readonly Random _random = new(0x5EED);
    private long _seen;

    public void Add(double value)
    {
        if (_seen < _values.Length)
        {
            _values[_seen] = value;
        }
        else
        {
            var slot = _random.NextInt64(_seen + 1);
            if (slot < _values.Length)
            {
                _values[slot] = value;
            }
        }
        _seen++;
    }

    /// <summary>The quantiles at <paramref name="fractions"/> (0..1), interpolated linearly between order statistics (numpy's default); NaN when empty.</summary>
    public double[] Quantiles(params ReadOnlySpan<double> fractions)
    {
        var held = (int)Math.Min(_seen, _values.Length);
        var sorted = _values.AsSpan(0, held);
        sorted.Sort();
        var result = new double[fractions.Length];
        for (var i = 0; i < fractions.Length; i++)
        {
            if (held == 0)
            {
                result[i] = double.NaN;
                continue;
            }
            var rank = fractions[i] * (held - 1);
            var below = (int)Math.Floor(rank);
            var above = (int)Math.Ceiling(rank);
            result[i] = sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
        }
        return result;
    }
}
