using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>
/// Puts the security headers on every response, proxied or not. They are written when the response starts, after
/// YARP has copied the destination's headers, so a destination cannot weaken them.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    private readonly SecurityHeadersOptions _headers = options.Value.SecurityHeaders;
    private readonly string? _strictTransportSecurity = options.Value.SecurityHeaders.StrictTransportSecurityMaxAge > TimeSpan.Zero
        ? $"max-age={(long)options.Value.SecurityHeaders.StrictTransportSecurityMaxAge.TotalSeconds}; includeSubDomains"
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, context) = ((SecurityHeadersMiddleware, HttpContext))state;
            self.Apply(context);
            return Task.CompletedTask;
        }, (this, context));
        return next(context);
    }

    private void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        // Destinations' Server headers name their software and version; nobody outside needs that.
        headers.Remove("Server");
        if (_headers.ContentSecurityPolicy.Length > 0)
        {
            headers.ContentSecurityPolicy = _headers.ContentSecurityPolicy;
        }
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (_headers.ReferrerPolicy.Length > 0)
        {
            headers["Referrer-Policy"] = _headers.ReferrerPolicy;
        }
        if (_headers.PermissionsPolicy.Length > 0)
        {
            headers["Permissions-Policy"] = _headers.PermissionsPolicy;
        }
        if (_strictTransportSecurity is not null && context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = _strictTransportSecurity;
        }
    }
}
