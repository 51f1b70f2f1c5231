namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// How many rows each second of event_time held when the source last read it, for the seconds inside the poll
/// window. A poll first asks ClickHouse for these counts (one column, aggregated on the server, a few dozen
/// numbers back) and reads rows again only from the first second whose count changed: new rows, and late rows
/// that landed in a second already read. So rows cross the network about once, not once per poll of the window.
/// </summary>
public sealed class SecondCounts
{
    private readonly SortedDictionary<long, long> _counts = [];

    /// <summary>The earliest second whose count differs from <paramref name="current"/> (ascending by second), or null.</summary>
    public long? FirstChanged(IReadOnlyList<(long Second, long Count)> current)
    {
        using var known = _counts.GetEnumerator();
        var hasKnown = known.MoveNext();
        foreach (var (second, count) in current)
        {
            // A second we counted that no longer has rows (rows deleted): changed too.
            if (hasKnown && known.Current.Key < second)
            {
                return known.Current.Key;
            }
            var knownCount = 0L;
            if (hasKnown && known.Current.Key == second)
            {
                knownCount = known.Current.Value;
                hasKnown = known.MoveNext();
            }
            if (knownCount != count)
            {
                return second;
            }
        }
        return hasKnown ? known.Current.Key : null;
    }

    /// <summary>Takes the counts of a read that covered every second from <paramref name="fromSecond"/> on.</summary>
    public void Replace(long fromSecond, IReadOnlyDictionary<long, long> counted)
    {
        foreach (var second in _counts.Keys.Where(second => second >= fromSecond).ToList())
        {
            _counts.Remove(second);
        }
        foreach (var (second, count) in counted)
        {
            _counts[second] = count;
        }
    }

    public void ForgetBefore(long second)
    {
        while (_counts.Count > 0 && _counts.First().Key < second)
        {
            _counts.Remove(_counts.First().Key);
        }
    }
}
