using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ServiceDefaults.Settings;

/// <summary>
/// Checks an options object the one way every service does: the validation attributes of each property, the nested
/// sections marked <see cref="ValidateObjectMembersAttribute"/> or <see cref="ValidateEnumeratedItemsAttribute"/>, and
/// the class's own <see cref="IValidatableObject"/> rules (those that involve several settings or need code), each
/// problem as a <see cref="SettingProblem"/> line.
/// </summary>
public static class SettingsValidation
{
    /// <param name="section">The configuration section the options are bound from (<c>Gateway:Authentication</c>).</param>
    public static List<string> Problems(object options, string section)
    {
        List<string> problems = [];
        Collect(options, SettingProblem.Key(section), problems);
        return problems;
    }

    private static void Collect(object options, string prefix, List<string> problems)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var value = property.GetValue(options);
            var key = $"{prefix}__{property.Name}";
            var context = new ValidationContext(options) { MemberName = property.Name };
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.GetValidationResult(value, context) != ValidationResult.Success)
                {
                    problems.Add(SettingProblem.Format(key, SettingRequirement.Of(attribute), value));
                }
            }
            if (value is null)
            {
                continue;
            }
            if (property.IsDefined(typeof(ValidateObjectMembersAttribute)))
            {
                Collect(value, key, problems);
            }
            else if (property.IsDefined(typeof(ValidateEnumeratedItemsAttribute)) && value is IEnumerable items)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        Collect(item, $"{key}__{index}", problems);
                    }
                    index++;
                }
            }
        }
        if (options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var member = result.MemberNames.FirstOrDefault();
                problems.Add(member is null ? $"{prefix} {result.ErrorMessage}" : $"{prefix}__{member} {result.ErrorMessage}");
            }
        }
    }
}
