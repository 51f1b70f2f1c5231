namespace Ingestor.Sources.LogDirectory.Files;

/// <summary>What one <c>statx(2)</c> says of a path: its type, and for a regular file its length and modification time.</summary>
public readonly record struct FileStatus(FileType Type, long Length, long LastWriteTicks);
