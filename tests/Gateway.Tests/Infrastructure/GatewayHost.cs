extern alias gateway;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TestSupport;
using GatewayProgram = gateway::Program;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway's own application (its Program.cs and appsettings.json) on Kestrel at a free loopback port, with the
/// destinations handed in the way Aspire hands them (services__name__http__N).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<GatewayProgram> _app;

    private GatewayHost(WebApplicationFactory<GatewayProgram> app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The application, not started yet: <see cref="WebApplicationFactory{T}.StartServer"/> starts it.</summary>
    public static WebApplicationFactory<GatewayProgram> Create(IEnumerable<Uri> streamApis, Uri frontend, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["services:frontend:http:0"] = frontend.ToString(),
            // Probe often so a test sees a health change within a second or so.
            ["ReverseProxy:Clusters:streamapi:HealthCheck:Active:Interval"] = "00:00:00.200",
            ["ReverseProxy:Clusters:streamapi:HealthCheck:Active:Timeout"] = "00:00:01",
        };
        var index = 0;
        foreach (var streamApi in streamApis)
        {
            values[$"services:streamapi:http:{index++}"] = streamApi.ToString();
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var app = new WebApplicationFactory<GatewayProgram>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            foreach (var (key, value) in values)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return app;
    }

    public static Task<GatewayHost> StartAsync(IEnumerable<Uri> streamApis, Uri frontend, CancellationToken cancellationToken,
        IDictionary<string, string?>? settings = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var app = Create(streamApis, frontend, settings);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return Task.FromResult(new GatewayHost(app, new Uri(address)));
    }

    /// <summary>Polls the gateway's own /health until the cluster reports the wanted availability, or fails.</summary>
    public Task WaitForAvailabilityAsync(string cluster, string availability, CancellationToken cancellationToken)
    {
        var expected = $"\"{cluster}\":\"{availability} healthy\"";
        var last = "";
        return Eventually.HoldsAsync(async () =>
        {
            last = await Client.GetStringAsync("/health", cancellationToken);
            return last.Contains(expected, StringComparison.Ordinal);
        }, $"cluster {cluster} to be {availability} healthy", TimeSpan.FromSeconds(15), () => $"/health: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
