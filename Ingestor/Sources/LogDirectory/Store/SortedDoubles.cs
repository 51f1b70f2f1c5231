namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// A sorted multiset of doubles that grows by merging sorted batches: one timestep's losses go in with one
/// O(n) merge instead of a re-sort of every loss, so exact percentiles stay cheap at millions of batches.
/// </summary>
public sealed class SortedDoubles
{
    private double[] _items = [];

    public int Count { get; private set; }

    public ReadOnlySpan<double> Items => _items.AsSpan(0, Count);

    /// <summary>
    /// Merges <paramref name="values"/> (any order; sorted in place) into the set, in place from the back, so the set
    /// holds one array (grown by half when full) and no second one to merge into.
    /// </summary>
    public void Add(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return;
        }
        values.Sort();
        var total = Count + values.Length;
        if (_items.Length < total)
        {
            Array.Resize(ref _items, Math.Max(total, _items.Length + (_items.Length / 2)));
        }

        int i = Count - 1, j = values.Length - 1, k = total - 1;
        while (j >= 0)
        {
            _items[k--] = i >= 0 && _items[i] > values[j] ? _items[i--] : values[j--];
        }
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
