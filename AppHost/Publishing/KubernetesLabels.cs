namespace AppHost.Publishing;

/// <summary>The recommended <c>app.kubernetes.io</c> labels; name and instance select a resource's pods.</summary>
public static class KubernetesLabels
{
    public const string PartOf = "training-dashboard";

    public static Dictionary<string, string> Selector(string name) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/instance"] = PartOf,
    };

    public static Dictionary<string, string> For(string name, string component) => new(Selector(name))
    {
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/part-of"] = PartOf,
        ["app.kubernetes.io/managed-by"] = "aspire-apphost",
    };
}
