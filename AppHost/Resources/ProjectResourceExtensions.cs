
namespace AppHost.Resources;

public static class ProjectResourceExtensions
{
    /// <summary>
    /// A reference to a dependency the services can run without (ClickHouse), when there is one, and a wait for it
    /// unless <paramref name="waitFor"/> is false.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOptionalReference(this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString>? dependency, bool waitFor = true) =>
        dependency is null ? project
        : waitFor ? project.WithReference(dependency).WaitFor(dependency)
        : project.WithReference(dependency);

    /// <summary>
    /// How every dashboard service runs: plain HTTP without a development certificate, trusting no X-Forwarded-*
    /// headers from Aspire's defaults (the gateway names its proxies itself), and healthy when its /health says so.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsDashboardService(this IResourceBuilder<ProjectResource> project) =>
        project.WithoutDevelopmentCertificate()
            .DisableForwardedHeaders()
            .WithHttpHealthCheck("/health");

    /// <summary>
    /// Plain HTTP on loopback, as the services are built (TLS ends at the Ingress in a cluster): Aspire configures no
    /// development certificate for the project, and its dashboard does not warn that none is trusted.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithoutDevelopmentCertificate(this IResourceBuilder<ProjectResource> project)
    {
#pragma warning disable ASPIRECERTIFICATES001 // Marked experimental in 13.6; it is how Aspire turns the certificate off.
        return project.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
    }
}
