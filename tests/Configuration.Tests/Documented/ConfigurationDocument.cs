using System.Text.RegularExpressions;
using TestSupport;

namespace Configuration.Tests.Documented;

/// <summary>The settings tables of docs/configuration.md: rows whose first cell starts with a key in backticks.</summary>
public static partial class ConfigurationDocument
{
    public static string FilePath { get; } = Path.Combine(RepositoryRoot.Path, "docs", "configuration.md");

    public static IReadOnlyList<DocumentedSetting> Settings { get; } = Read();

    private static List<DocumentedSetting> Read()
    {
        List<DocumentedSetting> settings = [];
        var lines = File.ReadAllLines(FilePath);
        for (var index = 0; index < lines.Length; index++)
        {
            var cells = lines[index].Split('|');
            // | `Key` | default | unit | meaning |  →  "", key, default, unit, meaning, ""
            if (cells.Length < 6 || KeyCell().Match(cells[1]) is not { Success: true } key)
            {
                continue;
            }
            var defaultLiteral = DefaultCell().Match(cells[2]) is { Success: true } literal ? literal.Groups[1].Value : null;
            settings.Add(new DocumentedSetting(ItemIndex().Replace(key.Groups[1].Value, "__N"), defaultLiteral, cells[3].Trim(), index + 1));
        }
        return settings;
    }

    [GeneratedRegex(@"^\s*`([A-Za-z0-9_.]+)`")]
    private static partial Regex KeyCell();

    [GeneratedRegex(@"^\s*`([^`]*)`")]
    private static partial Regex DefaultCell();

    [GeneratedRegex(@"__(\d+|N|M)(?=__|$)")]
    private static partial Regex ItemIndex();
}
