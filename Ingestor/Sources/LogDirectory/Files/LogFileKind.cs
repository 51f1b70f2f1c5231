namespace Ingestor.Sources.LogDirectory.Files;

public enum LogFileKind
{
    /// <summary><c>log_&lt;timestamp&gt;.txt</c>: one batch loss per line.</summary>
    Losses,

    /// <summary><c>summary_&lt;timestamp&gt;.txt</c>: <c>Key: value</c> lines.</summary>
    Summary,

    /// <summary><c>net_&lt;start&gt;.pth</c>: the checkpoint, rewritten every timestep.</summary>
    Checkpoint,
}
