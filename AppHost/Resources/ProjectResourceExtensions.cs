
namespace AppHost.Resources;

public static class ProjectResourceExtensions
{
    /// <summary>A reference and a wait on a dependency the services can run without (ClickHouse), when there is one.</summary>
    public static IResourceBuilder<ProjectResource> WithOptionalReference(this IResourceBuilder<ProjectResource> project,
        IResourceBuilder<IResourceWithConnectionString>? dependency) =>
        dependency is null ? project : project.WithReference(dependency).WaitFor(dependency);
}
