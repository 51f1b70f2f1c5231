using AppHost.Model;
using AppHost.Orchestration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppHost.Hosting;

/// <summary>
/// Tells the user what came up: once every resource is healthy, the resources with their endpoints and the URL to
/// open (a resource that fails to start is reported by the orchestrator as it happens).
/// </summary>
public sealed partial class StartupReporter(ResourceNotificationService notifications, IEnumerable<IResourceRunner> runners,
    AppHostOptions options, ILogger<StartupReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resources = runners.Select(r => r.Resource).ToArray();
        try
        {
            await Task.WhenAll(resources.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stoppingToken)));
        }
        catch (Exception exception) when (exception is OperationCanceledException or DistributedApplicationException)
        {
            return;
        }

        foreach (var resource in resources)
        {
            var snapshot = notifications.Get(resource.Name);
            Log.ResourceReady(logger, resource.Name, snapshot.Replicas.Length > 0 ? snapshot.Replicas.Length : 1,
                snapshot.Endpoint?.ToString() ?? "-");
        }
        if (options.ClickHouse is null && !resources.OfType<ClickHouseResource>().Any())
        {
            Log.NoClickHouse(logger);
        }
        var gateway = resources.OfType<ProjectResource>().FirstOrDefault(p => p.Endpoint.IsExternal);
        if (gateway is not null)
        {
            Log.DashboardReady(logger, notifications.Get(gateway.Name).Endpoint?.ToString() ?? "");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "  {Resource,-12} healthy  replicas: {Replicas}  endpoint: {Endpoint}")]
        public static partial void ResourceReady(ILogger logger, string resource, int replicas, string endpoint);

        [LoggerMessage(2, LogLevel.Information, "Dashboard ready: {Url}  (Ctrl+C stops everything)")]
        public static partial void DashboardReady(ILogger logger, string url);

        [LoggerMessage(3, LogLevel.Information, "No ClickHouse installed: the demo shows its ICON log-directory runs only. Install clickhouse-server " +
            "(or set ConnectionStrings__clickhouse) for the ClickHouse demo runs, with system, model and progress metrics.")]
        public static partial void NoClickHouse(ILogger logger);
    }
}
