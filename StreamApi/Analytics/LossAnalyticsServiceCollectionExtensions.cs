using Microsoft.Extensions.DependencyInjection.Extensions;
using StreamApi.Analytics;
using StreamApi.Analytics.Histogram;

namespace Microsoft.Extensions.Hosting;

public static class LossAnalyticsServiceCollectionExtensions
{
    /// <summary>The loss-analytics API's services (section <c>LossAnalytics</c>); map it with <c>MapLossAnalyticsEndpoints</c>.</summary>
    public static IHostApplicationBuilder AddLossAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<LossAnalyticsOptions>(LossAnalyticsOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<LossAnalyticsReader>();
        builder.Services.TryAddSingleton<LossHistogramReader>();
        builder.AddRawHistory();
        return builder;
    }
}
