using System.ComponentModel.DataAnnotations;
using AppHost.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppHost.Hosting;

/// <summary>
/// Checks the <c>AppHost</c> section and how it fits the connection strings, naming each bad key in its
/// environment-variable form (<c>AppHost__GatewayPort</c>) so the fix is obvious.
/// </summary>
public sealed class AppHostOptionsValidator(IConfiguration configuration) : IValidateOptions<AppHostOptions>
{
    public ValidateOptionsResult Validate(string? name, AppHostOptions options)
    {
        List<string> failures = [];
        AddAnnotationFailures(options, AppHostOptions.SectionName, failures);
        AddAnnotationFailures(options.Demo, $"{AppHostOptions.SectionName}__{nameof(AppHostOptions.Demo)}", failures);
        AddAnnotationFailures(options.Publish, $"{AppHostOptions.SectionName}__{nameof(AppHostOptions.Publish)}", failures);

        var redis = configuration.GetConnectionString("redis");
        switch (options.Redis)
        {
            case RedisMode.External when string.IsNullOrWhiteSpace(redis):
                failures.Add("AppHost__Redis is External but ConnectionStrings__redis is not set.");
                break;
            case RedisMode.Embedded or RedisMode.LocalServer when !string.IsNullOrWhiteSpace(redis):
                failures.Add($"AppHost__Redis is {options.Redis} but ConnectionStrings__redis is also set; keep one of them.");
                break;
        }

        var clickhouse = configuration.GetConnectionString("clickhouse");
        switch (options.ClickHouse)
        {
            case ClickHouseMode.External when string.IsNullOrWhiteSpace(clickhouse):
                failures.Add("AppHost__ClickHouse is External but ConnectionStrings__clickhouse is not set.");
                break;
            case ClickHouseMode.None or ClickHouseMode.LocalServer when !string.IsNullOrWhiteSpace(clickhouse):
                failures.Add($"AppHost__ClickHouse is {options.ClickHouse} but ConnectionStrings__clickhouse is also set; keep one of them.");
                break;
        }

        if (options.MaxRestartDelay < options.RestartDelay)
        {
            failures.Add("AppHost__MaxRestartDelay must not be shorter than AppHost__RestartDelay.");
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("AppHost__DataDirectory must name a directory.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddAnnotationFailures(object options, string prefix, List<string> failures)
    {
        List<ValidationResult> results = [];
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                failures.Add($"{prefix}__{member}: {result.ErrorMessage}");
            }
        }
    }
}
