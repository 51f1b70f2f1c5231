using Ingestor.Publishing.LogDirectoryState;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class LogDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// The ICON/ComIn log-directory source (section <c>LogDirectorySource</c>): the scanner feeding the
    /// <see cref="Ingestor.Model.IMetricSink"/>, the writer of full-resolution points and loss analytics to Redis,
    /// and a health check named <c>logdir</c>. With no directories configured it does nothing.
    /// </summary>
    public static IHostApplicationBuilder AddLogDirectorySource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<LogDirectorySourceOptions>(LogDirectorySourceOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LogDirectoryStore>();
        builder.Services.AddSingleton<LogDirectoryHealthState>();
        builder.Services.AddHostedService<LogDirectorySource>();
        builder.Services.AddHostedService<LogDirectoryRedisWriter>();
        builder.Services.AddHealthChecks().AddCheck<LogDirectoryHealthCheck>("logdir");
        return builder;
    }
}
