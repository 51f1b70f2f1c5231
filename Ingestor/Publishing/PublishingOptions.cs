using System.ComponentModel.DataAnnotations;
using Ingestor.Resilience;

namespace Ingestor.Publishing;

public sealed class PublishingOptions : IRetrySettings
{
    public const string SectionName = "Publishing";

    /// <summary>Least time between two publications; changes in between travel together.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often the stored snapshot is brought up to date (late joiners replay deltas since).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the whole run list is sent even when nothing about runs changed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RunsMetaInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages kept in Redis for Last-Event-ID resume.</summary>
    [Range(16, 1_000_000)]
    public int ReplayLogLength { get; set; } = 2048;

    /// <summary>
    /// Bytes the replay log may hold at most, whatever <see cref="ReplayLogLength"/> allows: the oldest messages go
    /// first. A resume that reaches further back gets a fresh snapshot, which is what it would cost anyway.
    /// </summary>
    [Range(64L * 1024, 16L * 1024 * 1024 * 1024)]
    public long ReplayLogBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A delta larger than this (bytes of JSON) is split into several messages.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 512 * 1024;

    /// <summary>First wait after Redis refused a write (publishing, or the log-directory state); doubles per failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between retries while Redis is unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the writer lease lasts without renewal: a standby ingestor on the same prefix takes over at most this
    /// long after the writer dies (at once when it stops cleanly).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How often the writer renews its lease, and a standby tries to take it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(1);
}
