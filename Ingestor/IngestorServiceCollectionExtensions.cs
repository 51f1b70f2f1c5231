using Ingestor.Telemetry;
using ServiceDefaults.Redis;

namespace Microsoft.Extensions.Hosting;

public static class IngestorServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddIngestor(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.Services.AddSingleton<IngestorMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSeriesStore();
        builder.Services.AddRedisPublishing();
        builder.AddLogDirectorySource();
        builder.AddClickHouseSource();
        builder.AddConfiguredSources();
        return builder;
    }
}
