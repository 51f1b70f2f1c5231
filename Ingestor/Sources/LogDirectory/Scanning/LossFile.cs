using Ingestor.Sources.LogDirectory.Store;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>A <c>log_&lt;timestamp&gt;.txt</c> being read, and the timestep its lines go to.</summary>
public sealed class LossFile(FileEntry entry, TimestepLosses timestep) : TrackedFile(entry)
{
    public TimestepLosses Timestep { get; } = timestep;

    /// <summary>The per-timestep series points were emitted (the timestep is complete: its summary or a later log exists).</summary>
    public bool Closed { get; set; }

    public int MalformedLines { get; set; }

    /// <summary>
    /// Lines of this file read so far: the next line is the batch at <c>BaseStep + NextLine</c>. Starts again at 0
    /// when the file is replaced, so its lines land on the same batches instead of after them.
    /// </summary>
    public int NextLine { get; set; }

    /// <summary>The reader is inside a line longer than the limit and passes over it up to its newline.</summary>
    public bool SkippingLongLine { get; set; }
}
