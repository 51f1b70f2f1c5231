using AppHost.Model;

namespace AppHost.Hosting;

/// <summary>A resource being described, with the fluent methods of Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public sealed class ResourceBuilder<T>(DistributedApplicationBuilder applicationBuilder, T resource) where T : Resource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;
}
