using AppHost.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Startup;

public static class StartupServiceCollectionExtensions
{
    /// <summary>Prints the dashboard's URL once everything is healthy (run mode only).</summary>
    public static IDistributedApplicationBuilder AddReadyReport(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway,
        AppHostOptions options)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(new DashboardEntryPoint(gateway.Resource));
            builder.Services.AddHostedService<DashboardReadyReporter>();
        }
        return builder;
    }
}
