using AppHost.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppHost.Startup;

/// <summary>
/// Tells the user where to look once every resource is healthy: the training dashboard's URL and the Aspire
/// dashboard's login URL. A resource that fails to start is named instead, with where its logs are.
/// </summary>
public sealed partial class DashboardReadyReporter(DistributedApplicationModel model, ResourceNotificationService notifications,
    IConfiguration configuration, DashboardEntryPoint entryPoint, AppHostOptions options, ILogger<DashboardReadyReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var resource in model.Resources.Where(StartsWithTheApplication))
        {
            try
            {
                await notifications.WaitForResourceHealthyAsync(resource.Name, WaitBehavior.StopOnResourceUnavailable, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (DistributedApplicationException)
            {
                Log.ResourceFailed(logger, resource.Name, AspireDashboardUrl() ?? "the console above");
                return;
            }
        }
        if (options.ClickHouse == ClickHouseMode.None)
        {
            Log.NoClickHouse(logger);
        }
        Log.DashboardReady(logger, entryPoint.Gateway.GetEndpoint("http").Url + "/");
        if (AspireDashboardUrl() is { } aspire)
        {
            Log.AspireDashboard(logger, aspire);
        }
    }

    /// <summary>Not parameters, nor what Aspire hides or starts only on request (its dashboard, the projects' rebuilders).</summary>
    private static bool StartsWithTheApplication(IResource resource) =>
        resource is not ParameterResource
        && !resource.HasAnnotationOfType<ExplicitStartupAnnotation>()
        && !(resource.TryGetLastAnnotation<ResourceSnapshotAnnotation>(out var snapshot) && snapshot.InitialSnapshot.IsHidden);

    private string? AspireDashboardUrl()
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var token = configuration["AppHost:BrowserToken"];
        return url is null ? null : token is null ? url : $"{url.TrimEnd('/')}/login?t={token}";
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Dashboard ready: {Url}  (Ctrl+C stops everything)")]
        public static partial void DashboardReady(ILogger logger, string url);

        [LoggerMessage(2, LogLevel.Information, "Aspire dashboard (every resource with its logs, traces and metrics): {Url}")]
        public static partial void AspireDashboard(ILogger logger, string url);

        [LoggerMessage(3, LogLevel.Error, "{Resource} did not start; its last log lines are in the console above and in the Aspire dashboard at {Url}")]
        public static partial void ResourceFailed(ILogger logger, string resource, string url);

        [LoggerMessage(4, LogLevel.Information, "No ClickHouse installed: the demo shows its ICON log-directory runs only. Install clickhouse-server " +
            "(or set ConnectionStrings__clickhouse) for the ClickHouse demo runs, with system, model and progress metrics.")]
        public static partial void NoClickHouse(ILogger logger);
    }
}
