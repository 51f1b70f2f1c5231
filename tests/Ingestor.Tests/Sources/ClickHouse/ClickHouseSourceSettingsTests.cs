using Ingestor.Sources.ClickHouse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceDefaults.Settings;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ClickHouseSourceSettingsTests
{
    [Fact]
    public void Validate_AcceptsTheDefaults()
    {
        Assert.True(new SettingsValidator<ClickHouseSourceOptions>(ClickHouseSourceOptions.SectionName).Validate(null, new ClickHouseSourceOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Table", "metric_points; DROP TABLE x", "ClickHouseSource__Table")]
    [InlineData("Table", "a.b.c", "ClickHouseSource__Table")]
    [InlineData("PollInterval", "00:00:00", "ClickHouseSource__PollInterval")]
    [InlineData("LateArrivalWindow", "-00:00:01", "ClickHouseSource__LateArrivalWindow")]
    [InlineData("BatchSize", "0", "ClickHouseSource__BatchSize")]
    [InlineData("RetryMaxDelay", "00:00:00.5", "ClickHouseSource__RetryMaxDelay")]
    public void Start_Fails_NamingTheBadSetting(string key, string value, string expectedName)
    {
        using var host = BuildHost(new()
        {
            ["ConnectionStrings:clickhouse"] = "Host=127.0.0.1;Port=1",
            [$"ClickHouseSource:{key}"] = value,
        });

        var exception = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ClickHouseSourceOptions>>().Value);

        Assert.Contains(expectedName, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddClickHouseSource_AddsNothing_WithoutAConnectionString()
    {
        using var host = BuildHost([]);

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), service => service is ClickHouseSource);
    }

    [Fact]
    public void AddClickHouseSource_NamesTheConnectionString_WhenItCannotBeRead()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => BuildHost(new() { ["ConnectionStrings:clickhouse"] = "Host=h;Protocol=ftp" }));

        Assert.Contains("ConnectionStrings__clickhouse", exception.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<Ingestor.Model.IMetricSink, RecordingSink>();
        builder.Services.AddSingleton<Ingestor.Telemetry.IngestorMetrics>();
        builder.AddClickHouseSource();
        return builder.Build();
    }
}
