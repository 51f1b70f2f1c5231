using ClickHouse.Http;
using Contracts.Series;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Remembers which (series, step) pairs were handed on among the rows inside the late-arrival window, so rows
/// read again because the window overlaps the previous poll are dropped while late rows get through. A pair
/// is forgotten once its row's second falls out of the window, which bounds the memory by the rows written
/// in one window. Entries added since the last <see cref="Commit"/> are provisional: <see cref="Rollback"/>
/// forgets them when the sink did not take their batch, so a retry hands them on again.
/// </summary>
public sealed class RecentRowFilter
{
    private readonly Dictionary<RowKey, long> _secondOf = [];
    private readonly SortedDictionary<long, List<RowKey>> _bySecond = [];
    private readonly List<(RowKey Key, long Second)> _provisional = [];

    public int Count => _secondOf.Count;

    /// <summary>False when the row's (series, step) was handed on already within the window.</summary>
    public bool TryAdd(in MetricRow row)
    {
        var key = new RowKey(row.Series, row.Step);
        var second = SecondOf(row.TimeMs);
        if (!_secondOf.TryAdd(key, second))
        {
            return false;
        }
        if (!_bySecond.TryGetValue(second, out var keys))
        {
            keys = [];
            _bySecond.Add(second, keys);
        }
        keys.Add(key);
        _provisional.Add((key, second));
        return true;
    }

    public void Commit() => _provisional.Clear();

    public void Rollback()
    {
        var seconds = new HashSet<long>();
        foreach (var (key, second) in _provisional)
        {
            _secondOf.Remove(key);
            seconds.Add(second);
        }
        foreach (var second in seconds)
        {
            if (_bySecond.TryGetValue(second, out var keys))
            {
                keys.RemoveAll(key => !_secondOf.TryGetValue(key, out var kept) || kept != second);
            }
        }
        _provisional.Clear();
    }

    /// <summary>Forgets rows older than <paramref name="second"/> (Unix seconds).</summary>
    public void ForgetBefore(long second)
    {
        while (_bySecond.Count > 0)
        {
            var (oldest, keys) = _bySecond.First();
            if (oldest >= second)
            {
                return;
            }
            foreach (var key in keys)
            {
                if (_secondOf.TryGetValue(key, out var kept) && kept == oldest)
                {
                    _secondOf.Remove(key);
                }
            }
            _bySecond.Remove(oldest);
        }
    }

    public static long SecondOf(long timeMs) => Math.DivRem(timeMs, 1000) is var (quotient, remainder) && remainder < 0 ? quotient - 1 : quotient;

    private readonly record struct RowKey(SeriesKey Series, long Step);
}
