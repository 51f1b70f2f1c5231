
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
}
