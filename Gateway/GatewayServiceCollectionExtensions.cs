using System.Net;
using Gateway.Configuration;
using Gateway.Forwarding;
using Gateway.Health;
using Gateway.Limits;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The gateway: YARP with routes and clusters from the <c>ReverseProxy</c> section, destinations named by
    /// service discovery (<c>http://streamapi</c> from <c>services__streamapi__http__N</c>), and its own limits,
    /// timeouts and headers from the <c>Gateway</c> section.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<GatewayOptions>(GatewayOptions.SectionName);
        services.AddSingleton<IValidateOptions<GatewayOptions>, ReverseProxyConfigurationValidator>();

        services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(ReverseProxyConfigurationValidator.SectionName))
            .AddServiceDiscoveryDestinationResolver()
            // Run ids may hold "/" and "%": forward each path as the client encoded it (docs/protocol.md).
            .AddTransforms(transforms => transforms.RequestTransforms.Add(new EncodedPathTransform()));

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<GatewayOptions>>((timeouts, gateway) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = gateway.Value.RequestTimeout });

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = gateway.Value.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestLineSize = gateway.Value.MaxRequestLineBytes;
        });

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GatewayOptions>>((forwarded, gateway) =>
        {
            var settings = gateway.Value.ForwardedHeaders;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.ForwardLimit = settings.ForwardLimit;
            foreach (var proxy in settings.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
            foreach (var network in settings.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    forwarded.KnownIPNetworks.Add(parsed);
                }
            }
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
            ClientLimiter.Configure(limiter, gateway.Value.ClientLimits));

        builder.AddGatewayAuthentication();
        services.AddSingleton<GatewayMetrics>();
        services.AddHealthChecks().AddCheck<ProxyDestinationsHealthCheck>(ProxyDestinationsHealthCheck.Name);
        return builder;
    }
}
