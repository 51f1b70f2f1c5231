using Contracts.Series;
using Decimation;

namespace Ingestor.Series;

/// <summary>One series held by the store: its decimated points and what has not been published yet.</summary>
/// <param name="decimator">A new one, or one rebuilt from the published output (a run read back after eviction).</param>
internal sealed class SeriesState(SeriesKey key, SeriesDecimator decimator)
{
    public SeriesKey Key { get; } = key;

    public string SeriesId { get; } = key.SeriesId;

    public SeriesDecimator Decimator { get; private set; } = decimator;

    /// <summary>Starts the decimation over, for a series a source sends anew whole; its next delta is a replace.</summary>
    public void ResetDecimator() => Decimator = new SeriesDecimator(Decimator.MaxPoints);

    /// <summary>Never sent in a delta: the first one must be a replace, whatever the decimator reports.</summary>
    public bool NeverPublished { get; set; } = true;

    public bool InDelta { get; set; }

    public bool InSnapshot { get; set; }
}
