namespace Ingestor.Sources.LogDirectory.Files;

/// <summary>What a path names, as the file system says (<see cref="FileTypes"/>).</summary>
public enum FileType
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device: opening one can block forever or read without end, so none is ever read.</summary>
    Special,
}
