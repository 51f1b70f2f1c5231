using AppHost.Model;

namespace AppHost.Publishing;

/// <summary>
/// The environment of a project in a cluster, as Aspire's publishers write it: <c>HTTP_PORTS</c> on the container
/// port, forwarded headers on (an Ingress terminates the connection), in-cluster service URLs, and every connection
/// string from a Secret. No OTLP endpoint: the cluster's collector is the operator's to name.
/// </summary>
public static class PublishEnvironment
{
    public static IReadOnlyList<PublishedVariable> For(ProjectResource project)
    {
        List<PublishedVariable> variables =
        [
            new("HTTP_PORTS", HttpEndpoint.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true"),
            new("OTEL_SERVICE_NAME", project.Name),
        ];
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString:
                    var key = SecretKeyFor(reference.Name);
                    variables.Add(new PublishedVariable(key, null, key, Optional: reference is ClickHouseResource));
                    break;
                case ProjectResource:
                    var url = ServiceUrl(reference.Name);
                    variables.Add(new PublishedVariable($"services__{reference.Name}__{HttpEndpoint.Name}__0", url));
                    variables.Add(new PublishedVariable($"{reference.Name.ToUpperInvariant().Replace('-', '_')}_HTTP", url));
                    break;
            }
        }
        foreach (var variable in project.Environment.Where(v => !v.RunModeOnly))
        {
            variables.Add(new PublishedVariable(variable.Name, variable.Value()));
        }
        return variables;
    }

    /// <summary>The key of a connection string in the operator's Secret: the variable name itself.</summary>
    public static string SecretKeyFor(string resourceName) => $"ConnectionStrings__{resourceName}";

    /// <summary>In-cluster URL of a project, as Aspir8 writes it: the Service name on the container port.</summary>
    public static string ServiceUrl(string resourceName) => $"http://{resourceName}:{HttpEndpoint.ContainerPort}";
}
