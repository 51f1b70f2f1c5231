namespace AppHost.Publishing;

public static class ManagementPortExtensions
{
    public const string EndpointName = "management";

    /// <summary>The management port in the container, beside <see cref="KubernetesEnvironment.ContainerPort"/>.</summary>
    public const int ContainerPort = 8081;

    /// <summary>
    /// Published, the project also listens on <see cref="ContainerPort"/> and serves <c>/health</c> and <c>/alive</c>
    /// there alone (<c>HealthEndpoints__Port</c>), and its probes go there (<see cref="ProjectManifests"/>). The
    /// endpoint is left out of references, so no other resource is told of it and the Kubernetes Service (and the
    /// gateway's Ingress behind it) never exposes it: the probes reach it on the pod, nobody outside does. Locally
    /// nothing changes: no second port, and Aspire checks <c>/health</c> on the one there is.
    /// </summary>
    public static IResourceBuilder<ProjectResource> PublishWithManagementPort(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return project;
        }
        project.WithHttpEndpoint(targetPort: ContainerPort, name: EndpointName)
            .WithEndpoint(EndpointName, endpoint => endpoint.ExcludeReferenceEndpoint = true);
        return project.WithEnvironment("HealthEndpoints__Port", project.GetEndpoint(EndpointName).Property(EndpointProperty.TargetPort));
    }
}
