using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamApi.RawHistory;

namespace Microsoft.Extensions.Hosting;

public static class RawHistoryServiceCollectionExtensions
{
    /// <summary>The reader of log-directory runs' full-resolution points in Redis (needs the Redis client and StreamApiMetrics).</summary>
    public static IHostApplicationBuilder AddRawHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<RawHistoryReader>();
        return builder;
    }
}
