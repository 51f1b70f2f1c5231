namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// A TensorBoard run directory: one that directly holds event files, at <see cref="RelativePath"/> below the
/// configured directory ("" for the directory itself, <c>lightning_logs/version_0</c>, <c>runs/experiment_&lt;start&gt;</c>).
/// </summary>
public sealed record RunDirectoryEntry(string RelativePath, List<FileEntry> EventFiles)
{
    /// <summary>Under <c>runs/</c>: the directory right below it this run lies in; null elsewhere.</summary>
    public string? Experiment { get; init; }

    /// <summary>The start of an <c>experiment_&lt;start&gt;</c> <see cref="Experiment"/>.</summary>
    public DateTime? Start { get; init; }

    /// <summary>The path below <see cref="Experiment"/>: "" for the experiment directory itself, <c>Loss_train</c> for an <c>add_scalars</c> run in it.</summary>
    public string SubPath { get; init; } = "";

    public bool IsRoot => RelativePath.Length == 0;
}
