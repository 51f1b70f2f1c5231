namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>A file as the directory listing showed it; length and modification time say whether it changed.</summary>
public readonly record struct FileEntry(string Path, long Length, long LastWriteTicks)
{
    public static FileEntry Of(FileInfo file) => new(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks);

    public long LastWriteMs => (LastWriteTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public bool SameStamp(FileEntry other) => Length == other.Length && LastWriteTicks == other.LastWriteTicks;
}
