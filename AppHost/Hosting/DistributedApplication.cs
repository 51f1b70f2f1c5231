using AppHost.Model;
using AppHost.Orchestration;
using AppHost.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using AppHost.Processes;

namespace AppHost.Hosting;

/// <summary>
/// The built system (Aspire's <c>DistributedApplication</c>): run mode starts every resource and stops them all on
/// dispose; publish mode writes the graph as deployment files.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IHost host;
    private readonly IReadOnlyDictionary<string, FrontEndpoint> fronts;
    private bool started;
    private bool stopped;

    internal DistributedApplication(IHost host, ExecutionContext executionContext, IReadOnlyList<Resource> resources,
        IReadOnlyDictionary<string, FrontEndpoint>? fronts = null)
    {
        this.host = host;
        ExecutionContext = executionContext;
        Resources = resources;
        this.fronts = fronts ?? new Dictionary<string, FrontEndpoint>();
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args, configure: null, output: null);

    /// <summary>A builder whose configuration is amended before the options are read (the testing builder's way in).</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder> configure, ConsoleOutput output) =>
        new(args, configure, output);

    public IServiceProvider Services => host.Services;

    /// <summary>Raised once everything is stopped and released (the testing builder removes its data directory).</summary>
    public event Action? Disposed;

    public ExecutionContext ExecutionContext { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public ResourceNotificationService ResourceNotifications => host.Services.GetRequiredService<ResourceNotificationService>();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        started = true;
        await host.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        stopped = true;
        await host.StopAsync(cancellationToken);
    }

    /// <summary>Runs until Ctrl+C or SIGTERM, or publishes and returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (ExecutionContext.IsPublishMode)
        {
            await PublishAsync(cancellationToken);
            return;
        }
        await StartAsync(cancellationToken);
        // Returns once Ctrl+C, SIGTERM or a stop request has stopped the host, and with it every resource.
        await host.WaitForShutdownAsync(cancellationToken);
        stopped = true;
    }

    public Task PublishAsync(CancellationToken cancellationToken = default)
    {
        var options = host.Services.GetRequiredService<AppHostOptions>();
        var output = ExecutionContext.PublishOutput!;
        return ExecutionContext.Publisher switch
        {
            Publisher.Manifest => AspireManifestPublisher.WriteAsync(Resources, output, cancellationToken),
            _ => KubernetesPublisher.WriteAsync(Resources, options.Publish, output, cancellationToken),
        };
    }

    /// <summary>The front URL of a project's HTTP endpoint (Aspire's <c>GetEndpoint</c>).</summary>
    public Uri GetEndpoint(string resourceName) =>
        fronts.TryGetValue(resourceName, out var front)
            ? front.Url
            : throw new InvalidOperationException($"Resource '{resourceName}' has no HTTP endpoint.");

    public HttpClient CreateHttpClient(string resourceName) => new() { BaseAddress = GetEndpoint(resourceName) };

    public string? GetConnectionString(string resourceName) =>
        Resources.OfType<IResourceWithConnectionString>().FirstOrDefault(r => r.Name == resourceName)?.ConnectionString;

    public ValueTask<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(GetConnectionString(resourceName));

    public async ValueTask DisposeAsync()
    {
        if (started && !stopped)
        {
            await StopAsync(CancellationToken.None);
        }
        foreach (var front in fronts.Values)
        {
            await front.DisposeAsync();
        }
        host.Dispose();
        Disposed?.Invoke();
    }
}
