using Contracts.Series;

namespace StreamApi.History;

/// <summary>Growing columns of one series while its rows stream in.</summary>
internal sealed class SeriesColumns(SeriesKey key, int capacity, bool countNonFinite)
{
    private long[] _steps = new long[capacity];
    private long[] _times = new long[capacity];
    private double[] _values = new double[capacity];
    private int[] _nonFinite = countNonFinite ? new int[capacity] : [];
    private int _count;

    public SeriesKey Key { get; } = key;

    public void Add(long step, long timeMs, double value, int nonFinite = 0)
    {
        if (_count == _steps.Length)
        {
            var size = Math.Max(16, _count * 2);
            Array.Resize(ref _steps, size);
            Array.Resize(ref _times, size);
            Array.Resize(ref _values, size);
            if (countNonFinite)
            {
                Array.Resize(ref _nonFinite, size);
            }
        }
        _steps[_count] = step;
        _times[_count] = timeMs;
        _values[_count] = value;
        if (countNonFinite)
        {
            _nonFinite[_count] = nonFinite;
        }
        _count++;
    }

    public HistorySeries ToSeries() => new()
    {
        Key = Key,
        Steps = _steps.AsMemory(0, _count),
        TimesMs = _times.AsMemory(0, _count),
        Values = _values.AsMemory(0, _count),
        NonFiniteCounts = countNonFinite ? _nonFinite.AsMemory(0, _count) : ReadOnlyMemory<int>.Empty,
    };
}
