using ClickHouse.Http;
using Ingestor.Sources.ClickHouse;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

public static class ClickHouseSourceServiceCollectionExtensions
{
    /// <summary>
    /// Reads the ClickHouse metric table when <c>ConnectionStrings:clickhouse</c> is set (ClickHouse.Driver form);
    /// otherwise does nothing. Adds the readiness check "clickhouse".
    /// </summary>
    public static IHostApplicationBuilder AddClickHouseSource(this IHostApplicationBuilder builder)
    {
        if (ClickHouseSettings.FromConnectionString(builder.Configuration.GetConnectionString(ClickHouseSettings.ConnectionName)) is not { } settings)
        {
            return builder;
        }

        builder.Services.AddSettings<ClickHouseSourceOptions>(ClickHouseSourceOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new ClickHouseHttpClient(settings));
        builder.Services.AddSingleton<ClickHouseSourceStatus>();
        builder.Services.AddHostedService<ClickHouseSource>();
        builder.Services.AddHealthChecks().AddCheck<ClickHouseSourceHealthCheck>(ClickHouseSettings.ConnectionName, failureStatus: HealthStatus.Degraded);
        return builder;
    }
}
