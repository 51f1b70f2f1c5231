using System.Globalization;
using System.Text.RegularExpressions;
using AppHost.Resources;
using Microsoft.Extensions.Logging;

namespace AppHost.Publishing;

/// <summary>
/// A project's environment in a cluster, read from Aspire's model in publish mode: the values Aspire writes into
/// its manifest, with each reference resolved as in-cluster Kubernetes sees it. An endpoint becomes the resource's
/// Service (<c>http://streamapi:8080</c>; projects listen on 8080), and anything carrying a connection string or a
/// secret parameter becomes a key of the operator's Secret, named like the variable itself.
/// </summary>
public static partial class KubernetesEnvironment
{
    /// <summary>The port every project's container listens on (<c>HTTP_PORTS</c>), as the .NET container images do.</summary>
    public const int ContainerPort = 8080;

    /// <summary>Where a project's endpoint listens in its container: its target port when the model names one, else <see cref="ContainerPort"/>.</summary>
    public static int ContainerPortOf(EndpointAnnotation endpoint) => endpoint.TargetPort ?? ContainerPort;

    public static async Task<IReadOnlyList<PublishedVariable>> ForAsync(ProjectResource project, DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext, ILogger logger, CancellationToken cancellationToken)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(project).WithEnvironmentVariablesConfig()
            .BuildAsync(executionContext, logger, cancellationToken);
        if (configuration.Exception is { } exception)
        {
            throw new InvalidOperationException($"The environment of '{project.Name}' cannot be published: {exception.Message}", exception);
        }
        List<PublishedVariable> variables = [new("OTEL_SERVICE_NAME", project.Name)];
        foreach (var (name, (_, expression)) in configuration.EnvironmentVariablesWithUnprocessed)
        {
            variables.Add(Resolve(name, expression, model));
        }
        return variables;
    }

    /// <summary>
    /// One variable from its manifest expression (<c>{redis.connectionString}</c>, <c>{streamapi.bindings.http.url}</c>,
    /// <c>{gateway.bindings.http.targetPort}</c>, <c>{redis-password.value}</c> or plain text).
    /// </summary>
    public static PublishedVariable Resolve(string name, string expression, DistributedApplicationModel model)
    {
        var secret = false;
        var optional = true;
        var value = Placeholder().Replace(expression, match =>
        {
            var resource = model.Resources.FirstOrDefault(r => r.Name == match.Groups["resource"].Value)
                ?? throw new InvalidOperationException($"{name} refers to '{match.Groups["resource"].Value}', which is not in the model.");
            var path = match.Groups["path"].Value.Split('.');
            switch (path)
            {
                case ["connectionString"] or ["value"]:
                    secret = true;
                    optional &= resource.Annotations.OfType<OptionalReferenceAnnotation>().Any();
                    return "";
                case ["bindings", var endpointName, var property]:
                    return Endpoint(resource, endpointName, property, name);
                default:
                    throw new InvalidOperationException($"{name}: '{match.Value}' has no meaning in a cluster.");
            }
        });
        return secret ? new PublishedVariable(name, null, SecretKey: name, Optional: optional) : new PublishedVariable(name, value);
    }

    private static string Endpoint(IResource resource, string endpointName, string property, string variable)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == endpointName)
            ?? throw new InvalidOperationException($"{variable} refers to endpoint '{endpointName}' of '{resource.Name}', which has none of that name.");
        var port = (resource is ProjectResource ? ContainerPortOf(endpoint) : endpoint.TargetPort ?? endpoint.Port ?? 0).ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            "url" => $"{endpoint.UriScheme}://{resource.Name}:{port}",
            "host" => resource.Name,
            "port" or "targetPort" => port,
            "scheme" => endpoint.UriScheme,
            _ => throw new InvalidOperationException($"{variable}: endpoint property '{property}' has no meaning in a cluster."),
        };
    }

    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9-]+)\.(?<path>[A-Za-z0-9.-]+)\}")]
    private static partial Regex Placeholder();
}
