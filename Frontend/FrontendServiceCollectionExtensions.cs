using Frontend.Configuration;
using Frontend.Health;

namespace Microsoft.Extensions.Hosting;

public static class FrontendServiceCollectionExtensions
{
    /// <summary>The host of the dashboard's static files and of the page's settings (<c>Dashboard</c> section).</summary>
    public static IHostApplicationBuilder AddFrontend(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<DashboardOptions>(DashboardOptions.SectionName);
        builder.Services.AddHealthChecks().AddCheck<AppAssetsHealthCheck>(AppAssetsHealthCheck.Name);
        return builder;
    }
}
