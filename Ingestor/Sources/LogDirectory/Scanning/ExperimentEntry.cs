namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>A directory under <c>runs/</c> and its event files; <see cref="Start"/> is set for <c>experiment_&lt;start&gt;</c>.</summary>
public sealed record ExperimentEntry(string Name, DateTime? Start, List<FileEntry> EventFiles);
