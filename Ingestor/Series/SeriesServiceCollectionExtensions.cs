using Ingestor.Model;
using Ingestor.Series;

namespace Microsoft.Extensions.DependencyInjection;

public static class SeriesServiceCollectionExtensions
{
    public static IServiceCollection AddSeriesStore(this IServiceCollection services)
    {
        services.AddOptions<DecimationOptions>()
            .BindConfiguration(DecimationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SeriesStore>();
        services.AddSingleton<IMetricSink>(provider => provider.GetRequiredService<SeriesStore>());
        return services;
    }
}
