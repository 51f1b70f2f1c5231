
namespace AppHost.Publishing;

public static class KubernetesResourceExtensions
{
    /// <summary>
    /// Published as a Deployment in the role <paramref name="component"/> with these requests and limits, and
    /// <paramref name="replicas"/> pods when given (else the model's replicas).
    /// </summary>
    public static IResourceBuilder<ProjectResource> PublishAsKubernetesDeployment(this IResourceBuilder<ProjectResource> project, string component,
        ComputeResources? resources = null, int? replicas = null) =>
        project.WithAnnotation(new KubernetesDeploymentAnnotation(component, resources ?? ComputeResources.Default, replicas),
            ResourceAnnotationMutationBehavior.Replace);

    /// <summary>Published with a HorizontalPodAutoscaler from the project's replicas up to <paramref name="maxReplicas"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithKubernetesAutoscaling(this IResourceBuilder<ProjectResource> project, int maxReplicas,
        int targetCpuUtilizationPercent = 70)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplicas, 1);
        var deployment = project.Resource.Annotations.OfType<KubernetesDeploymentAnnotation>().LastOrDefault()
            ?? new KubernetesDeploymentAnnotation(project.Resource.Name, ComputeResources.Default);
        return project.WithAnnotation(deployment with { MaxReplicas = maxReplicas, TargetCpuUtilizationPercent = targetCpuUtilizationPercent },
            ResourceAnnotationMutationBehavior.Replace);
    }
}
