using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ServiceDefaults.Settings;

/// <summary>
/// The one format of every start-up message about a setting: its environment-variable key, what it must be, and what
/// it was, e.g. <c>Publishing__MinInterval must be between 00:00:00 and 00:00:10 (was 00:00:20).</c>
/// </summary>
public static class SettingProblem
{
    public static string Format(string key, string requirement, object? value) => $"{key} {requirement} (was {Show(value)}).";

    /// <summary>
    /// A problem an options class finds in its own <see cref="IValidatableObject.Validate"/>; <paramref name="member"/>
    /// is the key below the section (<c>Directories__2</c>), which <see cref="SettingsValidation"/> prefixes.
    /// </summary>
    public static ValidationResult Result(string member, string requirement, object? value) =>
        new($"{requirement} (was {Show(value)}).", [member]);

    /// <summary>A key in environment-variable form: <c>Gateway:Authentication</c> becomes <c>Gateway__Authentication</c>.</summary>
    public static string Key(string configurationPath) => configurationPath.Replace(":", "__", StringComparison.Ordinal);

    private static string Show(object? value) => value switch
    {
        null => "unset",
        string text => $"'{text}'",
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
