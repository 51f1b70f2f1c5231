using Gateway.Configuration;
using Gateway.Security;
using Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

public static class GatewayApplicationExtensions
{
    /// <summary>The gateway's middleware, in the order a request meets it.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        // First, so that everything after it (logs, YARP's X-Forwarded-* to destinations, HSTS) sees the client's
        // real address and scheme rather than the load balancer's.
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.ForwardedHeaders.Enabled)
        {
            app.UseForwardedHeaders();
        }

        // Before routing, so error pages and health answers carry the headers too.
        app.UseMiddleware<SecurityHeadersMiddleware>();

        app.UseRouting();

        // Per client address, before anything costs more than a counter (docs/security.md).
        app.UseRateLimiter();

        // After routing (the health endpoints are open, every proxied route needs a signed-in user), before the proxy.
        if (app.Configuration.UsesAuthentication())
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        // After routing: each YARP route's TimeoutPolicy is endpoint metadata. The SSE route says "Disable".
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>The proxy, with YARP's standard pipeline plus a step that counts and logs failed forwards.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyErrorMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
