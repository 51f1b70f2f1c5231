namespace AppHost.Model;

/// <summary>
/// The one HTTP endpoint of a project. <see cref="Port"/> is the stable front port consumers see (null: any free
/// port); each replica listens on its own target port behind it. <see cref="IsExternal"/> marks what users open in a
/// browser, which the Kubernetes publisher exposes through an Ingress.
/// </summary>
public sealed record HttpEndpoint(int? Port, bool IsExternal)
{
    public const string Name = "http";

    /// <summary>The port a published container listens on (<c>HTTP_PORTS</c>), as in Aspire's publishers.</summary>
    public const int ContainerPort = 8080;
}
