using AppHost.Settings;
using AppHost.Startup;
using Microsoft.Extensions.Configuration;

namespace AppHost.Tests.Settings;

public sealed class AppHostSettingsTests
{
    [Fact]
    public void Load_NamesKeyInEnvironmentForm_WhenGatewayPortIsOutOfRange()
    {
        var problems = Problems(("AppHost:GatewayPort", "70000"));

        Assert.Contains(problems, p => p.StartsWith("AppHost__GatewayPort", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NamesKeyInEnvironmentForm_WhenAValueIsNotANumber()
    {
        var problems = Problems(("AppHost:StreamApiReplicas", "two"));

        Assert.Contains(problems, p => p.Contains("'AppHost__StreamApiReplicas'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NamesTheLogDirectory_ThatIsNotAnAbsolutePath()
    {
        var problems = Problems(("AppHost:LogDirectories:0", "/data/runs"), ("AppHost:LogDirectories:1", "lightning_logs"));

        Assert.Equal("AppHost__LogDirectories__1", Assert.Single(problems, p => p.Contains("LogDirectories", StringComparison.Ordinal))[..26]);
    }

    [Fact]
    public void Load_Fails_WhenExternalRedisHasNoConnectionString()
    {
        var problems = Problems(("AppHost:Redis", "External"));

        Assert.Contains(problems, p => p.Contains("ConnectionStrings__redis is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Fails_WhenLocalClickHouseAndConnectionStringAreBothGiven()
    {
        var problems = Problems(("AppHost:ClickHouse", "LocalServer"), ("ConnectionStrings:clickhouse", "Host=ch;Port=8123"));

        Assert.Contains(problems, p => p.StartsWith("AppHost__ClickHouse is LocalServer but ConnectionStrings__clickhouse", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("redis", "127.0.0.1:6379,pasword=secret", "ConnectionStrings__redis is not a StackExchange.Redis connection string")]
    [InlineData("redis", ",", "ConnectionStrings__redis names no server")]
    [InlineData("clickhouse", "Host=127.0.0.1;Protocol=ftp", "ConnectionStrings__clickhouse is not valid")]
    public void Load_Fails_WhenAConnectionStringIsMalformed(string name, string connectionString, string expected)
    {
        var problems = Problems(($"ConnectionStrings:{name}", connectionString));

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NamesTheProgramAndTheFix_WhenLocalRedisServerIsMissing()
    {
        var problems = Problems(("AppHost:Redis", "LocalServer"), ("AppHost:RedisServerPath", "/nonexistent/redis-server"));

        var problem = Assert.Single(problems);
        Assert.Contains("'/nonexistent/redis-server' was not found", problem, StringComparison.Ordinal);
        Assert.Contains("AppHost__RedisServerPath", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChoosesEmbeddedRedisAndNoClickHouse_WhenNothingIsGivenOrInstalled()
    {
        var options = AppHostSettings.Load(Configuration(("AppHost:ClickHouseServerPath", "/nonexistent/clickhouse-server")), isRunMode: true);

        Assert.Equal(RedisMode.Embedded, options.Redis);
        Assert.Equal(ClickHouseMode.None, options.ClickHouse);
        Assert.Equal(AppHostOptions.DefaultGatewayPort, options.GatewayPort);
    }

    [Fact]
    public void Load_ChoosesTheGivenServers_WhenConnectionStringsAreSet()
    {
        var options = AppHostSettings.Load(Configuration(("ConnectionStrings:redis", "cache:6380,password=x,ssl=true"),
            ("ConnectionStrings:clickhouse", "Host=ch;Port=8443;Protocol=https")), isRunMode: true);

        Assert.Equal(RedisMode.External, options.Redis);
        Assert.Equal(ClickHouseMode.External, options.ClickHouse);
    }

    private static IReadOnlyList<string> Problems(params (string Key, string Value)[] settings) =>
        Assert.Throws<AppHostStartupException>(() => AppHostSettings.Load(Configuration(settings), isRunMode: true)).Problems;

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
