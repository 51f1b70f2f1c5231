using System.ComponentModel.DataAnnotations;

namespace StreamApi.Streaming;

public sealed class StreamOptions
{
    public const string SectionName = "Stream";

    /// <summary>A comment is sent after this long without an event, so proxies keep the stream open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages queued for one client; a client further behind is resynced.</summary>
    [Range(4, 100_000)]
    public int ClientQueueCapacity { get; set; } = 256;

    /// <summary>Resyncs for falling behind a client may need within <see cref="SlowClientWindow"/> before it is disconnected.</summary>
    [Range(0, 1000)]
    public int MaxSlowResyncs { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SlowClientWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Recent messages kept in memory to resume clients and fill gaps without asking Redis.</summary>
    [Range(16, 1_000_000)]
    public int RecentMessages { get; set; } = 1024;

    /// <summary>How often Redis is asked whether a message was missed (pub/sub drops what comes during a reconnect).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan GapCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes of filtered snapshot and message copies kept for reuse, for all clients together.</summary>
    [Range(0L, 64L * 1024 * 1024 * 1024)]
    public long FilteredViewCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The reconnect delay suggested to EventSource clients.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ClientRetry { get; set; } = TimeSpan.FromSeconds(1);
}
