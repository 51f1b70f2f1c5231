using System.ComponentModel.DataAnnotations;

namespace Gateway.Configuration;

/// <summary>
/// The gateway's own settings (section <see cref="SectionName"/>). Routes and clusters are not here: they are
/// YARP configuration in the <c>ReverseProxy</c> section.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest request body accepted, in bytes. The dashboard only reads, so a small cap costs nothing.</summary>
    [Range(0, 1L << 32, ErrorMessage = "Gateway__MaxRequestBodyBytes must be between 0 and 4294967296 bytes.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest total size of the request headers, in bytes.</summary>
    [Range(1024, 1024 * 1024, ErrorMessage = "Gateway__MaxRequestHeadersBytes must be between 1024 and 1048576 bytes.")]
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Largest request line (method, path and query), in bytes; stream filters may list many runs.</summary>
    [Range(1024, 1024 * 1024, ErrorMessage = "Gateway__MaxRequestLineBytes must be between 1024 and 1048576 bytes.")]
    public int MaxRequestLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Total time allowed for a proxied request on routes that do not name their own timeout policy. The SSE route
    /// disables it (<c>TimeoutPolicy: Disable</c>) because a stream is meant to last for days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Gateway__RequestTimeout must be between 00:00:01 and 01:00:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public SecurityHeadersOptions SecurityHeaders { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public ClientLimitsSettings ClientLimits { get; set; } = new();
}
