using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Health;

/// <summary>
/// Fails start-up when <see cref="HealthEndpointsOptions.Port"/> names a port the service does not listen on (its
/// probes would never be answered, and the pod restarted forever without saying why), or the only one (it would
/// serve nothing but health).
/// </summary>
public sealed class ManagementPortListenCheck(IServiceProvider services, IOptions<HealthEndpointsOptions> options) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // A service without a web server (the embedded Redis) serves no health endpoints at all.
        if (options.Value.Port is not { } port || services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>() is not { } server)
        {
            return Task.CompletedTask;
        }
        var addresses = server.Addresses.ToList();
        var ports = addresses.Select(address => BindingAddress.Parse(address).Port).ToHashSet();
        if (!ports.Contains(port) || ports.Count < 2)
        {
            throw new InvalidOperationException(
                $"HealthEndpoints__Port is {port}, but the service listens on {string.Join(", ", addresses)}: it must listen on that port " +
                "and on another one for everything else (HTTP_PORTS=8080;8081 or ASPNETCORE_URLS), or leave HealthEndpoints__Port unset.");
        }
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
