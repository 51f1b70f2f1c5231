using StreamApi.Telemetry;
using ServiceDefaults.Redis;

namespace Microsoft.Extensions.Hosting;

public static class StreamApiServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddStreamApi(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.Services.AddSingleton<StreamApiMetrics>();
        builder.AddLossAnalytics();
        return builder;
    }
}
