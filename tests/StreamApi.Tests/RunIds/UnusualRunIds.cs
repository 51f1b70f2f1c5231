namespace StreamApi.Tests.RunIds;

/// <summary>Run ids with the characters a URL, a query list or a Redis key treats specially.</summary>
internal static class UnusualRunIds
{
    /// <summary>
    /// The hardening checklist's ids, and <c>a%2Fb</c>, the text a decoded path confuses with <c>a/b</c>.
    /// </summary>
    public static readonly string[] All = ["a/b", "x:y", "with space", "ünï 🚀", "50%", "a,b", "q?#", "a%2Fb"];

    /// <summary>A log directory's name can hold all of them but the slash.</summary>
    public const string DirectoryName = "x:y with space ünï 🚀 50% a,b q?# a%2Fb";

    /// <summary>The path segment or query value a client sends for <paramref name="runId"/>.</summary>
    public static string Encode(string runId) => Uri.EscapeDataString(runId);
}
