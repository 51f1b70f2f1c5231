using System.Globalization;
using Configuration.Tests.Declared;
using Configuration.Tests.Documented;

namespace Configuration.Tests;

/// <summary>docs/configuration.md says what the code does: every key, its default, and the range start-up accepts.</summary>
public sealed class ConfigurationDocumentTests
{
    private static readonly Dictionary<string, DocumentedSetting> Documented =
        ConfigurationDocument.Settings.GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    [Fact]
    public void TheCode_DeclaresSettingsOfEveryService()
    {
        // Guards the discovery itself: were it to find nothing, every other test here would pass without looking.
        Assert.Contains("Publishing__MinInterval", DeclaredSettings.All.Select(s => s.Key));
        Assert.Contains("Gateway__ClientLimits__Burst", DeclaredSettings.All.Select(s => s.Key));
        Assert.Contains("Dashboard__TabRules__N__Tab", DeclaredSettings.All.Select(s => s.Key));
        Assert.Contains("AppHost__Publish__ImageTag", DeclaredSettings.All.Select(s => s.Key));
        Assert.True(DeclaredSettings.Sections.Count >= 16, $"found {DeclaredSettings.Sections.Count} sections");
        Assert.True(ConfigurationDocument.Settings.Count >= DeclaredSettings.All.Count, $"found {ConfigurationDocument.Settings.Count} documented rows");
    }

    [Fact]
    public void EverySettingTheCodeReads_IsDocumented()
    {
        var missing = DeclaredSettings.All.Where(s => !Documented.ContainsKey(s.Key)).Select(s => s.Key).ToList();

        Assert.True(missing.Count == 0, $"{ConfigurationDocument.FilePath} lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryDocumentedSetting_OfASectionTheCodeReads_Exists()
    {
        var declared = DeclaredSettings.All.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var stale = ConfigurationDocument.Settings
            .Where(s => DeclaredSettings.SectionKeys.Contains(s.Key.Split("__")[0]) && !declared.Contains(s.Key))
            .Select(s => $"{s.Key} (line {s.Line})")
            .ToList();

        Assert.True(stale.Count == 0, $"documented but read by nothing: {string.Join(", ", stale)}");
    }

    [Fact]
    public void EveryDocumentedRange_IsTheRangeStartUpAccepts()
    {
        List<string> differences = [];
        foreach (var setting in DeclaredSettings.All)
        {
            if (!Documented.TryGetValue(setting.Key, out var row))
            {
                continue;
            }
            var written = DocumentedRange.Find(row.Unit);
            switch (setting.Range, written)
            {
                case (null, null):
                    break;
                case (null, { } range):
                    differences.Add($"{setting.Key} (line {row.Line}): documented {range.Least}–{range.Greatest}, but start-up checks no range");
                    break;
                case ({ } range, null):
                    differences.Add($"{setting.Key} (line {row.Line}): start-up accepts {range.Minimum}–{range.Maximum}, the document gives no range");
                    break;
                case ({ } range, { } text) when !Agrees(setting, range.Minimum, text.Least) || !Agrees(setting, range.Maximum, text.Greatest):
                    differences.Add($"{setting.Key} (line {row.Line}): documented {text.Least}–{text.Greatest}, start-up accepts {range.Minimum}–{range.Maximum}");
                    break;
            }
        }

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void EveryDocumentedDefault_IsTheCodesDefault()
    {
        List<string> differences = [];
        foreach (var setting in DeclaredSettings.All)
        {
            if (!Documented.TryGetValue(setting.Key, out var row) || IsUnset(setting.Default))
            {
                continue;
            }
            if (row.Default is null)
            {
                differences.Add($"{setting.Key} (line {row.Line}): the default {Show(setting.Default)} is not written as a literal in backticks");
            }
            else if (!row.Default.Contains('<', StringComparison.Ordinal) && !SameValue(setting.Default!, row.Default))
            {
                differences.Add($"{setting.Key} (line {row.Line}): documented `{row.Default}`, the code's default is {Show(setting.Default)}");
            }
        }

        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    private static bool Agrees(DeclaredSetting setting, object bound, string written) => setting.IsDuration
        ? TimeSpan.Parse((string)bound, CultureInfo.InvariantCulture) == DocumentedRange.Duration(written)
        : Convert.ToDecimal(bound, CultureInfo.InvariantCulture) == DocumentedRange.Number(written);

    private static bool IsUnset(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        int number => number == 0,
        _ => false,
    };

    private static bool SameValue(object value, string written) => value switch
    {
        TimeSpan span => TimeSpan.TryParse(written, CultureInfo.InvariantCulture, out var parsed) && parsed == span,
        bool flag => written == (flag ? "true" : "false"),
        string text => written == text,
        Enum choice => written == choice.ToString(),
        _ => decimal.TryParse(written, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
             && number == Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    private static string Show(object? value) => value is TimeSpan span ? span.ToString("c", CultureInfo.InvariantCulture) : $"{value}";
}
