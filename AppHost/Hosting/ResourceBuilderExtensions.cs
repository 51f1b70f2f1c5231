using AppHost.Model;

namespace AppHost.Hosting;

/// <summary>Aspire's fluent vocabulary: references, waits, replicas, environment and endpoints.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Starts the resource only once <paramref name="dependency"/> is healthy; an absent optional dependency is skipped.</summary>
    public static ResourceBuilder<T> WaitFor<T, TDependency>(this ResourceBuilder<T> builder, ResourceBuilder<TDependency>? dependency)
        where T : Resource where TDependency : Resource
    {
        if (dependency is not null && !builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }
        return builder;
    }

    /// <summary>
    /// Hands the project the connection string (<c>ConnectionStrings__{name}</c>) or service URL
    /// (<c>services__{name}__http__0</c>) of <paramref name="source"/>; an absent optional resource is skipped.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithReference<TSource>(this ResourceBuilder<ProjectResource> builder, ResourceBuilder<TSource>? source)
        where TSource : Resource
    {
        if (source is null)
        {
            return builder;
        }
        if (source.Resource is not (IResourceWithConnectionString or ProjectResource))
        {
            throw new ArgumentException($"'{source.Resource.Name}' has neither a connection string nor an endpoint to reference.", nameof(source));
        }
        if (!builder.Resource.References.Contains(source.Resource))
        {
            builder.Resource.References.Add(source.Resource);
        }
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithReplicas(this ResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>The stable front port of the project's HTTP endpoint (null or 0: any free port); external means users open it.</summary>
    public static ResourceBuilder<ProjectResource> WithHttpEndpoint(this ResourceBuilder<ProjectResource> builder, int? port = null, bool isExternal = false)
    {
        builder.Resource.Endpoint = new HttpEndpoint(port is 0 ? null : port, isExternal);
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithEnvironment(this ResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.Environment.Add(new EnvironmentValue(name, () => value, RunModeOnly: false));
        return builder;
    }

    /// <summary>A variable for local runs only (a path on this machine, say), left out of published manifests.</summary>
    public static ResourceBuilder<ProjectResource> WithRunEnvironment(this ResourceBuilder<ProjectResource> builder, string name, Func<string> value)
    {
        builder.Resource.Environment.Add(new EnvironmentValue(name, value, RunModeOnly: true));
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithComputeResources(this ResourceBuilder<ProjectResource> builder, ComputeResources resources)
    {
        builder.Resource.ComputeResources = resources;
        return builder;
    }

    /// <summary>Published with a HorizontalPodAutoscaler from the project's replicas up to <paramref name="maxReplicas"/>.</summary>
    public static ResourceBuilder<ProjectResource> WithAutoscaling(this ResourceBuilder<ProjectResource> builder, int maxReplicas, int targetCpuUtilizationPercent = 70)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplicas, 1);
        builder.Resource.Autoscaling = new Autoscaling(maxReplicas, targetCpuUtilizationPercent);
        return builder;
    }

    /// <summary>Never two at once, also during a rollout (Kubernetes strategy Recreate).</summary>
    public static ResourceBuilder<ProjectResource> AsSingleton(this ResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.IsSingleton = true;
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithComponent(this ResourceBuilder<ProjectResource> builder, string component)
    {
        builder.Resource.Component = component;
        return builder;
    }
}
