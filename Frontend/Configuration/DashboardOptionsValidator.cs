using Microsoft.Extensions.Options;

namespace Frontend.Configuration;

/// <summary>Rejects a title or rule the page could not use, naming the key in environment-variable form.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private const string Prefix = DashboardOptions.SectionName + "__";

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Title) || options.Title.Length > 120)
        {
            errors.Add($"{Prefix}Title must be 1 to 120 characters.");
        }
        for (var i = 0; i < options.TabRules.Count; i++)
        {
            var rule = options.TabRules[i];
            if (!DashboardOptions.RuleTabs.Contains(rule.Tab, StringComparer.Ordinal))
            {
                errors.Add($"{Prefix}TabRules__{i}__Tab '{rule.Tab}' is not one of {string.Join(", ", DashboardOptions.RuleTabs)}.");
            }
            if (rule.Prefixes.Count == 0 || rule.Prefixes.Any(string.IsNullOrEmpty))
            {
                errors.Add($"{Prefix}TabRules__{i}__Prefixes must list at least one non-empty prefix.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
