using System.ComponentModel.DataAnnotations;

namespace ClickHouse.Http;

/// <summary>A setting that names the metric table: <see cref="MetricTable.IsValidName"/>, said as <see cref="MetricTable.NameRequirement"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MetricTableNameAttribute : ValidationAttribute
{
    public MetricTableNameAttribute() => ErrorMessage = MetricTable.NameRequirement;

    public override bool IsValid(object? value) => value is string name && MetricTable.IsValidName(name);
}
