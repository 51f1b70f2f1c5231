using ClickHouse.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamApi.History;

namespace Microsoft.Extensions.Hosting;

public static class ClickHouseHistoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClickHouseHistoryReader"/> and the readiness check "clickhouse" when
    /// <c>ConnectionStrings:clickhouse</c> is set (ClickHouse.Driver form); otherwise registers nothing, so
    /// callers ask the container for the reader and treat its absence as "no ClickHouse runs here".
    /// Needs StreamApiMetrics registered.
    /// </summary>
    public static IHostApplicationBuilder AddClickHouseHistory(this IHostApplicationBuilder builder)
    {
        if (ClickHouseSettings.FromConnectionString(builder.Configuration.GetConnectionString(ClickHouseSettings.ConnectionName)) is not { } settings)
        {
            return builder;
        }

        builder.Services.AddSettings<ClickHouseHistoryOptions>(ClickHouseHistoryOptions.SectionName);
        builder.Services.AddSingleton(_ => new ClickHouseHttpClient(settings));
        builder.Services.AddSingleton<ClickHouseHistoryReader>();
        builder.Services.AddHealthChecks().AddCheck<ClickHouseHistoryHealthCheck>(ClickHouseSettings.ConnectionName, failureStatus: HealthStatus.Degraded);
        return builder;
    }
}
