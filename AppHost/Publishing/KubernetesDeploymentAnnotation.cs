
namespace AppHost.Publishing;

/// <summary>
/// How a project is deployed to Kubernetes beyond what Aspire's model says: its role (the
/// <c>app.kubernetes.io/component</c> label), its requests and limits, whether two may never run at once (strategy
/// Recreate), and how far an HPA may scale it on CPU.
/// </summary>
public sealed record KubernetesDeploymentAnnotation(string Component, ComputeResources Resources, bool Singleton = false,
    int? MaxReplicas = null, int TargetCpuUtilizationPercent = 70) : IResourceAnnotation;
