using System.Text.RegularExpressions;
using AppHost.Resources;
using AppHost.Startup;
using ClickHouse.Http;
using Microsoft.Extensions.Configuration;
using ServiceDefaults.Settings;
using StackExchange.Redis;

namespace AppHost.Settings;

/// <summary>
/// Reads the <c>AppHost</c> section and checks it against the connection strings and the programs it asks for,
/// naming each problem in its environment-variable form (<c>AppHost__GatewayPort</c>) with the fix, so a bad setting
/// stops AppHost before anything starts.
/// </summary>
public static partial class AppHostSettings
{
    /// <exception cref="AppHostStartupException">A setting is invalid, or a program it needs is missing.</exception>
    public static AppHostOptions Load(IConfiguration configuration, bool isRunMode)
    {
        var options = new AppHostOptions();
        List<string> problems = [];
        try
        {
            configuration.GetSection(AppHostOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // Binding names the key ('AppHost:GatewayPort') and the type it could not convert the value to.
            var message = ConfigurationKey().Replace(exception.Message, match => match.Value.Replace(":", "__", StringComparison.Ordinal));
            throw new AppHostStartupException([message]);
        }
        problems.AddRange(SettingsValidation.Problems(options, AppHostOptions.SectionName));
        CheckRedis(configuration.GetConnectionString("redis"), options, isRunMode, problems);
        CheckClickHouse(configuration.GetConnectionString("clickhouse"), options, isRunMode, problems);
        return problems.Count == 0 ? options : throw new AppHostStartupException(problems);
    }

    private static void CheckRedis(string? connectionString, AppHostOptions options, bool isRunMode, List<string> problems)
    {
        var given = !string.IsNullOrWhiteSpace(connectionString);
        options.Redis ??= given ? RedisMode.External : RedisMode.Embedded;
        switch (options.Redis)
        {
            case RedisMode.External when !given:
                problems.Add("AppHost__Redis is External but ConnectionStrings__redis is not set: set it, or leave AppHost__Redis out for the embedded Redis.");
                return;
            case not RedisMode.External when given:
                problems.Add($"AppHost__Redis is {options.Redis} but ConnectionStrings__redis is also set; keep one of them.");
                return;
            case RedisMode.LocalServer when isRunMode && ExecutableLookup.Find(options.RedisServerPath) is null:
                problems.Add($"AppHost__Redis is LocalServer but '{options.RedisServerPath}' was not found: install redis-server " +
                    "(apt-get install redis-server), set AppHost__RedisServerPath, or leave AppHost__Redis out for the embedded Redis.");
                return;
        }
        if (given)
        {
            try
            {
                if (ConfigurationOptions.Parse(connectionString!).EndPoints.Count == 0)
                {
                    problems.Add("ConnectionStrings__redis names no server: give host:port, e.g. 127.0.0.1:6379,password=...");
                }
            }
            catch (ArgumentException exception)
            {
                problems.Add($"ConnectionStrings__redis is not a StackExchange.Redis connection string ({exception.Message}); e.g. 127.0.0.1:6379,password=...");
            }
        }
    }

    private static void CheckClickHouse(string? connectionString, AppHostOptions options, bool isRunMode, List<string> problems)
    {
        var given = !string.IsNullOrWhiteSpace(connectionString);
        var installed = isRunMode && ExecutableLookup.Find(options.ClickHouseServerPath) is not null && File.Exists(options.ClickHouseConfigFile);
        options.ClickHouse ??= given ? ClickHouseMode.External : installed ? ClickHouseMode.LocalServer : ClickHouseMode.None;
        switch (options.ClickHouse)
        {
            case ClickHouseMode.External when !given:
                problems.Add("AppHost__ClickHouse is External but ConnectionStrings__clickhouse is not set.");
                return;
            case not ClickHouseMode.External when given:
                problems.Add($"AppHost__ClickHouse is {options.ClickHouse} but ConnectionStrings__clickhouse is also set; keep one of them.");
                return;
            case ClickHouseMode.LocalServer when isRunMode && !installed:
                problems.Add(ExecutableLookup.Find(options.ClickHouseServerPath) is null
                    ? $"AppHost__ClickHouse is LocalServer but '{options.ClickHouseServerPath}' was not found: install clickhouse-server " +
                      "(apt-get install clickhouse-server), set AppHost__ClickHouseServerPath, or run without ClickHouse (AppHost__ClickHouse=None)."
                    : $"AppHost__ClickHouseConfigFile '{options.ClickHouseConfigFile}' does not exist: point it at clickhouse-server's config.xml.");
                return;
        }
        if (given)
        {
            try
            {
                ClickHouseSettings.Parse(connectionString!);
            }
            catch (FormatException exception)
            {
                problems.Add($"ConnectionStrings__clickhouse is not valid: {exception.Message} " +
                    "E.g. Host=127.0.0.1;Port=8123;Database=training_observability;Username=default;Password=");
            }
        }
    }

    [GeneratedRegex("'[A-Za-z0-9_.:-]+'")]
    private static partial Regex ConfigurationKey();
}
