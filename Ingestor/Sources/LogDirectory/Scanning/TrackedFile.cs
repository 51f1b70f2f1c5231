namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// How far a file was read. <see cref="Offset"/> is the end of the last complete line or record;
/// <see cref="Fingerprint"/> holds the bytes just before it, so a file that was replaced (same name, new
/// content) is told apart from one that grew.
/// </summary>
public class TrackedFile(FileEntry entry)
{
    public const int FingerprintLength = 16;

    public FileEntry Entry { get; set; } = entry;

    public long Offset { get; set; }

    public byte[] Fingerprint { get; set; } = [];
}
