using Contracts.ClickHouse;
using Ingestor.Sources.ClickHouse;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class ClickHouseSourceServiceCollectionExtensions
{
    /// <summary>
    /// Reads the ClickHouse metric table when <c>ConnectionStrings:clickhouse</c> is set (ClickHouse.Driver form);
    /// otherwise does nothing. Adds the readiness check "clickhouse".
    /// </summary>
    public static IHostApplicationBuilder AddClickHouseSource(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ClickHouseSettings.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder;
        }
        ClickHouseSettings settings;
        try
        {
            settings = ClickHouseSettings.Parse(connectionString);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings__{ClickHouseSettings.ConnectionName} is not valid: {exception.Message} " +
                "Expected the ClickHouse.Driver form, e.g. Host=127.0.0.1;Port=8123;Database=training_observability;Username=default;Password=", exception);
        }

        builder.Services.AddOptions<ClickHouseSourceOptions>()
            .BindConfiguration(ClickHouseSourceOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClickHouseSourceOptions>, ClickHouseSourceOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new ClickHouseHttpClient(settings));
        builder.Services.AddSingleton<ClickHouseSourceStatus>();
        builder.Services.AddHostedService<ClickHouseSource>();
        builder.Services.AddHealthChecks().AddCheck<ClickHouseSourceHealthCheck>(ClickHouseSettings.ConnectionName);
        return builder;
    }
}
