using Contracts.Series;
using Ingestor.Model;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// What one pass over a directory produced for the sink. A pass reads at most <see cref="Budget"/> lines and
/// records, so a huge backlog (a cold start on a 1 GB event file) reaches the sink in bounded batches;
/// <see cref="MoreWork"/> asks for another pass right away.
/// </summary>
public sealed class ScanOutput(int budget)
{
    public MetricBatch Batch { get; } = new();

    public int Budget { get; set; } = budget;

    public bool MoreWork { get; set; }

    /// <summary>Series in which a point held before changed (a file was rewritten): they go to the sink whole.</summary>
    public HashSet<SeriesKey> Rewritten { get; } = [];

    /// <summary>A directory was recreated or disappeared; its file-system watcher must be made anew.</summary>
    public bool DirectoryReplaced { get; set; }
}
