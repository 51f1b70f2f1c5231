using Contracts.Decimation;
using Contracts.Series;

namespace Ingestor.Series;

/// <summary>One series held by the store: its decimated points and what has not been published yet.</summary>
internal sealed class SeriesState(SeriesKey key, int maxPoints)
{
    public SeriesKey Key { get; } = key;

    public string Id { get; } = key.Id;

    public SeriesDecimator Decimator { get; private set; } = new(maxPoints);

    /// <summary>Starts the decimation over, for a series a source sends anew whole; its next delta is a replace.</summary>
    public void ResetDecimator() => Decimator = new SeriesDecimator(Decimator.MaxPoints);

    /// <summary>Continues from a decimator rebuilt from the published output (a run read back after eviction).</summary>
    public void Restore(SeriesDecimator restored) => Decimator = restored;

    /// <summary>Never sent in a delta: the first one must be a replace, whatever the decimator reports.</summary>
    public bool NeverPublished { get; set; } = true;

    public bool InDelta { get; set; }

    public bool InSnapshot { get; set; }
}
