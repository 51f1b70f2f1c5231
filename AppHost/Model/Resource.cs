using System.Text.RegularExpressions;

namespace AppHost.Model;

/// <summary>
/// One named part of the system. The name is what Aspire would call it: the key of its connection string, the
/// <c>services__{name}</c> section, <c>OTEL_SERVICE_NAME</c> and, when published, the Kubernetes object names.
/// </summary>
public abstract partial class Resource
{
    protected Resource(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Resource name '{name}' must be 1 to 40 lower-case letters, digits or '-', starting with a letter " +
                "(it becomes a DNS name when published).", nameof(name));
        }
        Name = name;
    }

    public string Name { get; }

    /// <summary>Resources that must be healthy before this one starts (Aspire's <c>WaitFor</c>).</summary>
    public List<Resource> WaitsFor { get; } = [];

    public override string ToString() => Name;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex ValidName();
}
