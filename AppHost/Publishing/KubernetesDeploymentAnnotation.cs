
namespace AppHost.Publishing;

/// <summary>
/// How a project is deployed to Kubernetes beyond what Aspire's model says: its role (the
/// <c>app.kubernetes.io/component</c> label), its requests and limits, its replicas in the cluster when they differ
/// from the local run's, and how far an HPA may scale it on CPU.
/// </summary>
public sealed record KubernetesDeploymentAnnotation(string Component, ComputeResources Resources, int? Replicas = null,
    int? MaxReplicas = null, int TargetCpuUtilizationPercent = 70) : IResourceAnnotation;
