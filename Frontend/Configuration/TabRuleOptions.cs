namespace Frontend.Configuration;

/// <summary>Metrics whose name starts with one of <see cref="Prefixes"/> go to <see cref="Tab"/>.</summary>
public sealed class TabRuleOptions
{
    public string Tab { get; set; } = "";

    public List<string> Prefixes { get; set; } = [];
}
