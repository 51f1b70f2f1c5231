using Ingestor.Sources.Configured;

namespace Microsoft.Extensions.Hosting;

public static class ConfiguredSourcesServiceCollectionExtensions
{
    /// <summary>
    /// Which sources are configured: a warning at start and a Degraded health check named <c>sources</c> when none is,
    /// and the list in Redis for StreamApi. Add it after the sources.
    /// </summary>
    public static IHostApplicationBuilder AddConfiguredSources(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConfiguredSources>();
        builder.Services.AddHostedService<ConfiguredSourcesReporter>();
        builder.Services.AddHealthChecks().AddCheck<ConfiguredSourcesHealthCheck>("sources");
        return builder;
    }
}
