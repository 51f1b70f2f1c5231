using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Frontend.Configuration;

/// <summary>What the page is told at start (section <see cref="SectionName"/>, served as <c>/app-config.json</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Tabs a rule may name; the loss analytics tab has no metric rules.</summary>
    public static readonly string[] RuleTabs = ["training", "model", "system", "checkpoints", "progress"];

    [Required]
    [Length(1, 120)]
    public string Title { get; set; } = "Training dashboard";

    /// <summary>
    /// Metric-name prefix rules, first match wins (case-insensitive). Empty means the page's built-in rules;
    /// any rule given replaces them all.
    /// </summary>
    [ValidateEnumeratedItems]
    public List<TabRuleOptions> TabRules { get; set; } = [];
}
