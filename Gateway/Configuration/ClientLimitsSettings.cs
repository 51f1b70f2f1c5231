using System.ComponentModel.DataAnnotations;

namespace Gateway.Configuration;

/// <summary>
/// How much one client address may ask of the gateway (section <c>Gateway:ClientLimits</c>): open streams at once, and
/// other requests per second with a burst. Over either, it is answered 429 with <c>Retry-After</c>. The address is the
/// connection's, or the client's from trusted forwarded headers. 0 turns a limit off.
/// </summary>
public sealed class ClientLimitsSettings
{
    /// <summary>Open <c>/stream</c> connections per client address (a dashboard tab holds one).</summary>
    [Range(0, 100_000)]
    public int StreamsPerClient { get; set; } = 16;

    /// <summary>Sustained requests per second per client address, besides streams and the gateway's own health.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests a client may make at once above the sustained rate (a page load asks for many charts).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 200;
}
