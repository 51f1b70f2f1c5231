using System.ComponentModel.DataAnnotations;
using ServiceDefaults.Settings;

namespace Frontend.Configuration;

/// <summary>Metrics whose name starts with one of <see cref="Prefixes"/> go to <see cref="Tab"/>.</summary>
public sealed class TabRuleOptions : IValidatableObject
{
    public string Tab { get; set; } = "";

    public List<string> Prefixes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!DashboardOptions.RuleTabs.Contains(Tab, StringComparer.Ordinal))
        {
            yield return SettingProblem.Result(nameof(Tab), $"must be one of {string.Join(", ", DashboardOptions.RuleTabs)}", Tab);
        }
        if (Prefixes.Count == 0 || Prefixes.Any(string.IsNullOrEmpty))
        {
            yield return SettingProblem.Result(nameof(Prefixes), "must list at least one non-empty prefix", string.Join(",", Prefixes));
        }
    }
}
