namespace Ingestor.Publishing;

/// <summary>What the publisher reports to the health check.</summary>
public sealed class PublisherStatus
{
    private volatile string? _lastError;

    public bool SnapshotPublished { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset? LastPublished { get; set; }

    public DateTimeOffset? FailingSince { get; set; }

    public string? LastError
    {
        get => _lastError;
        set => _lastError = value;
    }

    public Exception? Fault { get; set; }
}
