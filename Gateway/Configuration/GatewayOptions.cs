using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>
/// The gateway's own settings (section <see cref="SectionName"/>). Routes and clusters are not here: they are
/// YARP configuration in the <c>ReverseProxy</c> section.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest request body accepted, in bytes. The dashboard only reads, so a small cap costs nothing.</summary>
    [Range(0, 1L << 32)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest total size of the request headers, in bytes.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Largest request line (method, path and query), in bytes; stream filters may list many runs.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Total time allowed for a proxied request on routes that do not name their own timeout policy. The SSE route
    /// disables it (<c>TimeoutPolicy: Disable</c>) because a stream is meant to last for days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    [ValidateObjectMembers]
    public SecurityHeadersOptions SecurityHeaders { get; set; } = new();

    [ValidateObjectMembers]
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    [ValidateObjectMembers]
    public ClientLimitsSettings ClientLimits { get; set; } = new();
}
