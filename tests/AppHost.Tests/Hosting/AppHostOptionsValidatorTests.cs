using AppHost.Hosting;
using AppHost.Model;
using Microsoft.Extensions.Configuration;

namespace AppHost.Tests.Hosting;

public sealed class AppHostOptionsValidatorTests
{
    [Fact]
    public void Validate_NamesKeyInEnvironmentForm_WhenGatewayPortIsOutOfRange()
    {
        var result = Validate(new AppHostOptions { GatewayPort = 70000 });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("AppHost__GatewayPort", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NamesNestedDemoKey_WhenIntervalIsZero()
    {
        var options = new AppHostOptions();
        options.Demo.TimestepInterval = TimeSpan.Zero;

        var result = Validate(options);

        Assert.Contains(result.Failures!, f => f.StartsWith("AppHost__Demo__TimestepInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Fails_WhenExternalRedisHasNoConnectionString()
    {
        var result = Validate(new AppHostOptions { Redis = RedisMode.External });

        Assert.Contains(result.Failures!, f => f.Contains("ConnectionStrings__redis", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Fails_WhenLocalClickHouseAndConnectionStringAreBothGiven()
    {
        var result = Validate(new AppHostOptions { ClickHouse = ClickHouseMode.LocalServer },
            ("ConnectionStrings:clickhouse", "Host=ch;Port=8123"));

        Assert.Contains(result.Failures!, f => f.StartsWith("AppHost__ClickHouse", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Succeeds_ForDefaults()
    {
        Assert.True(Validate(new AppHostOptions()).Succeeded);
    }

    [Fact]
    public void CreateBuilder_Throws_WhenReplicasAreZero()
    {
        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => DistributedApplication.CreateBuilder(["--AppHost:StreamApiReplicas=0"]));

        Assert.Contains(exception.Failures, f => f.StartsWith("AppHost__StreamApiReplicas", StringComparison.Ordinal));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(AppHostOptions options, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new AppHostOptionsValidator(configuration).Validate(null, options);
    }
}
