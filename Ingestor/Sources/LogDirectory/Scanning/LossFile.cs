using Ingestor.Sources.LogDirectory.Store;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>A <c>log_&lt;timestamp&gt;.txt</c> being read, and the timestep its lines go to.</summary>
public sealed class LossFile(FileEntry entry, TimestepLosses timestep) : TrackedFile(entry)
{
    public TimestepLosses Timestep { get; } = timestep;

    /// <summary>The per-timestep series points were emitted (the timestep is complete: its summary or a later log exists).</summary>
    public bool Closed { get; set; }

    public int MalformedLines { get; set; }

    /// <summary>The reader is inside a line longer than the limit and passes over it up to its newline.</summary>
    public bool SkippingLongLine { get; set; }
}
