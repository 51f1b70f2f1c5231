namespace AppHost.Publishing;

public static class GatewayDestinationHealthExtensions
{
    /// <summary>
    /// Published, each of the gateway's destinations is a Kubernetes Service (<c>http://streamapi:8080</c>): one address
    /// in front of every ready pod, where the readiness probes already decide which pods receive traffic. The gateway's
    /// own active checks (<c>GET /health</c> of each destination, YARP's cluster named like the resource) would reach
    /// whichever pod the Service picks, on the public port, which answers <c>/health</c> 404 once health is on the
    /// management port; so they are turned off for these clusters. Passive checks (failed forwards) stay. Locally every
    /// replica is a destination of its own and the active checks stay on.
    /// </summary>
    public static IResourceBuilder<ProjectResource> PublishWithoutActiveHealthChecksOf(this IResourceBuilder<ProjectResource> gateway,
        params IResourceBuilder<ProjectResource>[] destinations)
    {
        if (!gateway.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            return gateway;
        }
        foreach (var destination in destinations)
        {
            gateway.WithEnvironment($"ReverseProxy__Clusters__{destination.Resource.Name}__HealthCheck__Active__Enabled", "false");
        }
        return gateway;
    }
}
