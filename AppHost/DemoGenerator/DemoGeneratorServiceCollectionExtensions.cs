using ClickHouse.Http;
using DemoGenerator;

namespace Microsoft.Extensions.Hosting;

public static class DemoGeneratorServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDemoGenerator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<DemoOptions>(DemoOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new DemoClickHouse(
            ClickHouseSettings.FromConnectionString(builder.Configuration.GetConnectionString(ClickHouseSettings.ConnectionName))));
        builder.Services.AddSingleton<DemoWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DemoWorker>());
        builder.Services.AddHealthChecks().AddCheck<DemoHealthCheck>("demo");
        return builder;
    }
}
