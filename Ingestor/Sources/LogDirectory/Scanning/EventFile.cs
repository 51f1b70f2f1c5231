using TensorBoard;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>An event file being tailed: the run it feeds, and where the reader resumes.</summary>
public sealed class EventFile(FileEntry entry, string runId) : TrackedFile(entry)
{
    public string RunId { get; } = runId;

    /// <summary>The last pass ended inside a corrupt region; the next goes on scanning for a header.</summary>
    public bool Resynchronizing { get; set; }

    public TensorBoardEventParser Parser { get; } = new();

    /// <summary>The reasons its records were skipped for so far, each logged once for the file.</summary>
    public HashSet<string> SkipReasonsLogged { get; } = new(StringComparer.Ordinal);
}
