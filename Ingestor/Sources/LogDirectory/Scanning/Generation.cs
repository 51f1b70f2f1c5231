namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// What one incarnation of a plugin directory holds. The plugin deletes and recreates the directory when a
/// new simulation starts; that begins a new generation (a new run), and the old run keeps its history.
/// </summary>
public sealed class Generation
{
    /// <summary>The run the directory's own files belong to; fixed once chosen, until the directory is recreated.</summary>
    public string? DirectoryRunId { get; set; }

    public DateTime? Start { get; set; }

    /// <summary>The run each run directory (by its path below the directory) feeds, fixed when it is first seen.</summary>
    public Dictionary<string, string> RunIds { get; } = new(StringComparer.Ordinal);

    public Dictionary<DateTime, LossFile> Losses { get; } = [];

    public Dictionary<DateTime, SummaryState> Summaries { get; } = [];

    public Dictionary<string, EventFile> Events { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FileEntry> Checkpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>The global step at the end of the newest timestep read; checkpoints are stamped with it.</summary>
    public long LatestGlobalStep { get; set; }

    public int FileCount => Losses.Count + Summaries.Count + Events.Count + Checkpoints.Count;

    public IEnumerable<(string Path, TrackedFile? File, FileEntry Entry)> Files() =>
        Losses.Values.Select(f => (f.Entry.Path, (TrackedFile?)f, f.Entry))
            .Concat(Events.Values.Select(f => (f.Entry.Path, (TrackedFile?)f, f.Entry)))
            .Concat(Summaries.Values.Select(s => (s.Entry.Path, (TrackedFile?)null, s.Entry)))
            .Concat(Checkpoints.Values.Select(c => (c.Path, (TrackedFile?)null, c)));
}
