namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// A sorted multiset of doubles that grows by merging sorted batches: one timestep's losses go in with one
/// O(n) merge instead of a re-sort of every loss, so exact percentiles stay cheap at millions of batches.
/// </summary>
public sealed class SortedDoubles
{
    private double[] _items = [];
    private double[] _spare = [];

    public int Count { get; private set; }

    public ReadOnlySpan<double> Items => _items.AsSpan(0, Count);

    /// <summary>Merges <paramref name="values"/> (any order; sorted in place) into the set.</summary>
    public void Add(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return;
        }
        values.Sort();
        var total = Count + values.Length;
        if (_spare.Length < total)
        {
            _spare = new double[Math.Max(total, _items.Length * 2)];
        }

        int i = 0, j = 0, k = 0;
        while (i < Count && j < values.Length)
        {
            _spare[k++] = _items[i] <= values[j] ? _items[i++] : values[j++];
        }
        _items.AsSpan(i, Count - i).CopyTo(_spare.AsSpan(k));
        k += Count - i;
        values[j..].CopyTo(_spare.AsSpan(k));

        (_items, _spare) = (_spare, _items);
        Count = total;
    }

    public void Clear() => Count = 0;

    /// <summary>Linear interpolation between the closest order statistics (numpy's default "linear" method).</summary>
    public double Percentile(double percent)
    {
        if (Count == 0)
        {
            return double.NaN;
        }
        var position = percent / 100 * (Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, Count - 1);
        var fraction = position - lower;
        return _items[lower] + ((_items[upper] - _items[lower]) * fraction);
    }
}
