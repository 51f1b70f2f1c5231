using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ServiceDefaults.Settings;

/// <summary>
/// What a validation attribute asks of a setting, said the same way for every setting of every service. An attribute
/// whose rule reads badly (a pattern) says it in its <see cref="ValidationAttribute.ErrorMessage"/>, as a requirement:
/// <c>must be 1 to 64 letters</c>.
/// </summary>
public static class SettingRequirement
{
    public static string Of(ValidationAttribute attribute) => attribute.ErrorMessage ?? (attribute switch
    {
        RangeAttribute range => $"must be between {Bound(range.Minimum)} and {Bound(range.Maximum)}",
        RequiredAttribute => "must be set",
        RegularExpressionAttribute expression => $"must match {expression.Pattern}",
        LengthAttribute length => $"must be {length.MinimumLength} to {length.MaximumLength} characters",
        _ => attribute.FormatErrorMessage("it"),
    });

    private static string Bound(object bound) =>
        bound is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : bound.ToString() ?? "";
}
