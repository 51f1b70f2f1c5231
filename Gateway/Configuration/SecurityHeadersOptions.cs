using System.ComponentModel.DataAnnotations;
using ServiceDefaults.Settings;

namespace Gateway.Configuration;

/// <summary>Headers the gateway puts on every response it sends to a browser (section <c>Gateway:SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions : IValidatableObject
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
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan StrictTransportSecurityMaxAge { get; set; } = TimeSpan.FromDays(365);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A line break in a header value would split the response; reject it rather than send it.
        (string Key, string Value)[] headers = [(nameof(ContentSecurityPolicy), ContentSecurityPolicy),
            (nameof(ReferrerPolicy), ReferrerPolicy), (nameof(PermissionsPolicy), PermissionsPolicy)];
        foreach (var (key, value) in headers)
        {
            if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                yield return SettingProblem.Result(key, "must be one line", value);
            }
        }
    }
}
