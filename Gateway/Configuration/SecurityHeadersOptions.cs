namespace Gateway.Configuration;

/// <summary>Headers the gateway puts on every response it sends to a browser (section <c>Gateway:SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// The dashboard loads only its own hashed scripts and styles and talks only to its own origin (SSE and REST),
    /// so everything is 'self'. uPlot and React set styles through the CSSOM, which style-src does not govern.
    /// </summary>
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public string ReferrerPolicy { get; set; } = "no-referrer";

    public string PermissionsPolicy { get; set; } = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Sent only on HTTPS responses, in seconds; 0 leaves Strict-Transport-Security out.</summary>
    public TimeSpan StrictTransportSecurityMaxAge { get; set; } = TimeSpan.FromDays(365);
}
