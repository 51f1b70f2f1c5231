using Contracts.TensorBoard;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>An event file being tailed: the run it feeds, and where the reader resumes.</summary>
public sealed class EventFile(FileEntry entry, string runId, bool belongsToLogs) : TrackedFile(entry)
{
    public string RunId { get; } = runId;

    /// <summary>The experiment of the directory's own run, whose loss tags come from the log files instead.</summary>
    public bool BelongsToLogs { get; } = belongsToLogs;

    /// <summary>The last pass ended inside a corrupt region; the next goes on scanning for a header.</summary>
    public bool Resynchronizing { get; set; }

    public TensorBoardEventParser Parser { get; } = new();
}
