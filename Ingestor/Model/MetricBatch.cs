using Contracts.Series;

namespace Ingestor.Model;

/// <summary>
/// Samples a source read in one pass, grouped per series. Sources read rows ordered by series, so the
/// common case appends to the group of the previous row without a dictionary lookup.
/// </summary>
public sealed class MetricBatch
{
    private readonly Dictionary<SeriesKey, SeriesSamples> _byKey = [];
    private readonly List<SeriesSamples> _series = [];
    private SeriesSamples? _last;

    public IReadOnlyList<SeriesSamples> Series => _series;

    public int SampleCount { get; private set; }

    public bool IsEmpty => SampleCount == 0;

    public void Add(in SeriesKey key, MetricSample sample)
    {
        var group = _last is not null && _last.Key.Equals(key) ? _last : GetOrAddGroup(key);
        group.Samples.Add(sample);
        _last = group;
        SampleCount++;
    }

    /// <summary>The whole series as it now is, in place of whatever the batch held for it.</summary>
    public void Replace(in SeriesKey key, IEnumerable<MetricSample> samples)
    {
        var group = GetOrAddGroup(key);
        SampleCount -= group.Samples.Count;
        group.Samples.Clear();
        group.Samples.AddRange(samples);
        group.ReplacesSeries = true;
        SampleCount += group.Samples.Count;
    }

    private SeriesSamples GetOrAddGroup(in SeriesKey key)
    {
        if (!_byKey.TryGetValue(key, out var group))
        {
            group = new SeriesSamples(key);
            _byKey.Add(key, group);
            _series.Add(group);
        }
        return group;
    }
}
