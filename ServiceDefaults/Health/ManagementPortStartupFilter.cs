using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Health;

/// <summary>
/// With <see cref="HealthEndpointsOptions.Port"/> set, splits the service in two before any of its own middleware sees
/// a request: the management port answers <c>/health</c> and <c>/alive</c> (ASP.NET Core's health-check middleware,
/// restricted to that port) and nothing else; every other port answers 404 for them. It goes by the port the
/// connection arrived on, not by the Host header that <c>RequireHost</c> matches: behind the Ingress a client chooses
/// its Host header, but its connection always arrives on the public port. A startup filter, so that it comes before
/// the gateway's authentication, rate limits and proxy and the frontend's static files, and no service can forget it.
/// </summary>
public sealed class ManagementPortStartupFilter(IOptions<HealthEndpointsOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.Port is { } port)
        {
            app.UseHealthChecks(HealthEndpoints.HealthPath, port, HealthEndpoints.Readiness());
            app.UseHealthChecks(HealthEndpoints.AlivePath, port, HealthEndpoints.Liveness());
            app.MapWhen(context => context.Connection.LocalPort == port || HealthEndpoints.IsHealthPath(context.Request.Path),
                notFound => notFound.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }));
        }
        next(app);
    };
}
