using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Configuration.Tests.Declared;

/// <summary>One setting as the code declares it: its key, its default, and the range its attributes allow.</summary>
public sealed record DeclaredSetting(string Key, PropertyInfo Property, object? Default)
{
    /// <summary>The least and greatest value allowed, from <see cref="RangeAttribute"/> or <see cref="LengthAttribute"/>; null for neither.</summary>
    public (object Minimum, object Maximum)? Range =>
        Property.GetCustomAttribute<RangeAttribute>() is { } range ? (range.Minimum, range.Maximum)
        : Property.GetCustomAttribute<LengthAttribute>() is { } length ? (length.MinimumLength, length.MaximumLength)
        : null;

    public bool IsDuration => Property.PropertyType == typeof(TimeSpan) || Property.PropertyType == typeof(TimeSpan?);
}
