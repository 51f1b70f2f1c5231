namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// What one listed directory below the configured one held: its event files' and subdirectories' names, and its
/// modification time then. The next listing takes the names again without reading a directory whose time has not
/// changed, so a deep tree costs one <c>statx</c> per directory, not a directory read.
/// </summary>
public sealed record DirectoryNode(long Stamp, string[] EventFileNames, string[] Subdirectories);
