using Ingestor.Model;
using Ingestor.Series;

namespace Microsoft.Extensions.DependencyInjection;

public static class SeriesServiceCollectionExtensions
{
    public static IServiceCollection AddSeriesStore(this IServiceCollection services)
    {
        services.AddSettings<DecimationOptions>(DecimationOptions.SectionName);
        services.AddSettings<RetentionOptions>(RetentionOptions.SectionName);
        services.AddSingleton<SeriesStore>();
        services.AddSingleton<IMetricSink>(provider => provider.GetRequiredService<SeriesStore>());
        return services;
    }
}
