namespace Frontend.Endpoints;

/// <summary>The JSON the page reads at start.</summary>
public sealed record AppConfigDocument(string Title, IReadOnlyList<AppConfigTabRule> TabRules);

public sealed record AppConfigTabRule(string Tab, IReadOnlyList<string> Prefixes);
