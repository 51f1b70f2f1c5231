using ClickHouse.Http;
using Microsoft.Extensions.Options;

namespace StreamApi.History;

/// <summary>Names each bad setting in its environment-variable form.</summary>
public sealed class ClickHouseHistoryOptionsValidator : IValidateOptions<ClickHouseHistoryOptions>
{
    private const string Prefix = ClickHouseHistoryOptions.SectionName + "__";

    public ValidateOptionsResult Validate(string? name, ClickHouseHistoryOptions options)
    {
        var failures = new List<string>();
        if (!MetricTable.IsValidName(options.Table))
        {
            failures.Add($"{Prefix}Table must be a table name or database.table made of letters, digits and underscores; '{options.Table}' is not.");
        }
        if (options.MaxRawRows is < 1_000 or > 100_000_000)
        {
            failures.Add($"{Prefix}MaxRawRows must be between 1000 and 100000000 rows; it is {options.MaxRawRows}.");
        }
        if (options.QueryTimeout < TimeSpan.FromMilliseconds(100) || options.QueryTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}QueryTimeout must be between 00:00:00.1 and 01:00:00; it is {options.QueryTimeout:c}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
