using ClickHouse.Http;
using Microsoft.Extensions.Options;

namespace Ingestor.Sources.ClickHouse;

/// <summary>Names each bad setting in its environment-variable form, so the fix is obvious from the start-up error.</summary>
public sealed class ClickHouseSourceOptionsValidator : IValidateOptions<ClickHouseSourceOptions>
{
    private const string Prefix = ClickHouseSourceOptions.SectionName + "__";

    public ValidateOptionsResult Validate(string? name, ClickHouseSourceOptions options)
    {
        var failures = new List<string>();
        if (!MetricTable.IsValidName(options.Table))
        {
            failures.Add($"{Prefix}Table must be a table name or database.table made of letters, digits and underscores; '{options.Table}' is not.");
        }
        Within(failures, nameof(options.PollInterval), options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromHours(1));
        Within(failures, nameof(options.ActiveWindow), options.ActiveWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        Within(failures, nameof(options.RunMetadataInterval), options.RunMetadataInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Within(failures, nameof(options.LateArrivalWindow), options.LateArrivalWindow, TimeSpan.Zero, TimeSpan.FromDays(1));
        Within(failures, nameof(options.QueryTimeout), options.QueryTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        Within(failures, nameof(options.RetryInitialDelay), options.RetryInitialDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        Within(failures, nameof(options.RetryMaxDelay), options.RetryMaxDelay, options.RetryInitialDelay, TimeSpan.FromHours(1));
        if (options.BatchSize is < 1 or > 1_000_000)
        {
            failures.Add($"{Prefix}BatchSize must be between 1 and 1000000 rows; it is {options.BatchSize}.");
        }
        Within(failures, nameof(options.MaxConfigKeys), options.MaxConfigKeys, 1, 10_000, "keys");
        Within(failures, nameof(options.MaxConfigValueLength), options.MaxConfigValueLength, 16, 65_536, "characters");
        Within(failures, nameof(options.MaxTagsJsonLength), options.MaxTagsJsonLength, 64, 16 * 1024 * 1024, "bytes");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Within(List<string> failures, string key, int value, int min, int max, string unit)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Prefix}{key} must be between {min} and {max} {unit}; it is {value}.");
        }
    }

    private static void Within(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{Prefix}{key} must be between {min:c} and {max:c}; it is {value:c}.");
        }
    }
}
