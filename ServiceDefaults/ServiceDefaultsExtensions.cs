using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceDefaults.Health;
using ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every service of the dashboard shares: telemetry, health, service discovery and HTTP resilience.
/// Kept to the shape of the .NET Aspire service-defaults template so the services also run under Aspire.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthEndpoints.LiveTag]);
        builder.Services.AddSettings<HealthEndpointsOptions>(HealthEndpointsOptions.SectionName);
        builder.Services.AddHostedService<ManagementPortListenCheck>();
        builder.Services.AddTransient<IStartupFilter, ManagementPortStartupFilter>();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every check) and <c>/alive</c> (liveness: checks tagged live) in every
    /// environment, because Kubernetes probes them in production. With a management port (<c>HealthEndpoints__Port</c>)
    /// they are served there alone, ahead of everything else, by <see cref="ManagementPortStartupFilter"/>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HealthEndpointsOptions>>().Value.Port is not null)
        {
            return app;
        }
        // Open to anonymous callers even where the service requires sign-in (the gateway): probes carry no credentials.
        app.MapHealthChecks(HealthEndpoints.HealthPath, HealthEndpoints.Readiness()).AllowAnonymous();
        app.MapHealthChecks(HealthEndpoints.AlivePath, HealthEndpoints.Liveness()).AllowAnonymous();
        return app;
    }
}
