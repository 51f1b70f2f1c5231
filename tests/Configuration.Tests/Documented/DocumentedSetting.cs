namespace Configuration.Tests.Documented;

/// <summary>One row of a settings table in docs/configuration.md.</summary>
/// <param name="Key">The key as the document spells it, with <c>__0</c> and <c>__N</c> written as <c>__N</c>.</param>
/// <param name="Default">The default cell's literal, when the cell starts with one in backticks.</param>
/// <param name="Unit">The unit cell, where a range is written <c>(least–greatest)</c>.</param>
public sealed record DocumentedSetting(string Key, string? Default, string Unit, int Line);
