namespace Contracts.Analytics;

/// <summary>How the ingestor's log-directory source is doing; the answer of <c>/api/health</c>.</summary>
public sealed record LogDirectoryHealth
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Starting = "starting";
    public const string Unconfigured = "unconfigured";

    /// <summary>
    /// <see cref="Healthy"/>, <see cref="Degraded"/> (a directory cannot be read, or scans fail), or <see cref="Starting"/>;
    /// StreamApi answers <see cref="Unconfigured"/> when the ingestor reads no source at all.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>The sources the ingestor is configured to read (<c>clickhouse</c>, <c>logdir</c>); set by StreamApi, not stored.</summary>
    public string[]? ConfiguredSources { get; init; }

    public required int Runs { get; init; }

    /// <summary>Files tracked now (loss logs, summaries, event files, checkpoints).</summary>
    public required int Files { get; init; }

    public required long MalformedLines { get; init; }

    public required long CorruptRecords { get; init; }
    public DateTimeOffset? LastScan { get; init; }

    public required LogDirectoryState[] Directories { get; init; }
}
