using System.ComponentModel.DataAnnotations;

namespace Gateway.Configuration;

/// <summary>Headers the gateway puts on every response it sends to a browser (section <c>Gateway:SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions
{
    // A line break in a header value would split the response; such a value is refused rather than sent.
    private const string OneLine = "^[^\r\n]*$";
    private const string OneLineRequirement = "must be one line";

    /// <summary>
    /// The dashboard loads only its own hashed scripts and styles and talks only to its own origin (SSE and REST),
    /// so everything is 'self'. uPlot and React set styles through the CSSOM, which style-src does not govern.
    /// </summary>
    [RegularExpression(OneLine, ErrorMessage = OneLineRequirement)]
    public string ContentSecurityPolicy { get; set; } =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    [RegularExpression(OneLine, ErrorMessage = OneLineRequirement)]
    public string ReferrerPolicy { get; set; } = "no-referrer";

    [RegularExpression(OneLine, ErrorMessage = OneLineRequirement)]
    public string PermissionsPolicy { get; set; } = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Sent only on HTTPS responses, in seconds; 0 leaves Strict-Transport-Security out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan StrictTransportSecurityMaxAge { get; set; } = TimeSpan.FromDays(365);
}
