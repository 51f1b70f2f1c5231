using Frontend.Configuration;
using Frontend.Health;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class FrontendServiceCollectionExtensions
{
    /// <summary>The host of the dashboard's static files and of the page's settings (<c>Dashboard</c> section).</summary>
    public static IHostApplicationBuilder AddFrontend(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        builder.Services.AddHealthChecks().AddCheck<AppAssetsHealthCheck>(AppAssetsHealthCheck.Name);
        return builder;
    }
}
