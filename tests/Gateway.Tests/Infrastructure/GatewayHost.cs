using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in-process on a free loopback port, wired exactly as its Program.cs wires it, with its real
/// appsettings.json and the destinations handed in the way Aspire hands them (services__name__http__N).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static WebApplication Build(IEnumerable<Uri> streamApis, Uri frontend, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "gateway.appsettings.json"), optional: false);
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
        builder.Configuration.AddInMemoryCollection(values);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        builder.AddServiceDefaults();
        builder.AddGateway();
        var app = builder.Build();
        app.UseGateway();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }

    public static async Task<GatewayHost> StartAsync(IEnumerable<Uri> streamApis, Uri frontend, CancellationToken cancellationToken,
        IDictionary<string, string?>? settings = null)
    {
        var app = Build(streamApis, frontend, settings);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.Single();
        return new GatewayHost(app, new Uri(address));
    }

    /// <summary>Polls the gateway's own /health until the cluster reports the wanted availability, or fails.</summary>
    public async Task WaitForAvailabilityAsync(string cluster, string availability, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var expected = $"\"{cluster}\":\"{availability} healthy\"";
        var last = "";
        while (!timeout.IsCancellationRequested)
        {
            last = await Client.GetStringAsync("/health", CancellationToken.None).ConfigureAwait(false);
            if (last.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new TimeoutException($"Cluster {cluster} never reached {availability} healthy; last /health: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
