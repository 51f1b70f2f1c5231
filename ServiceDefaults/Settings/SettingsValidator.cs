using Microsoft.Extensions.Options;

namespace ServiceDefaults.Settings;

/// <summary>Runs <see cref="SettingsValidation"/> for the options bound from <paramref name="section"/>.</summary>
public sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = SettingsValidation.Problems(options, section);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
