namespace AppHost.Publishing;

/// <summary>A project of the model as the Kubernetes manifests need it: its names, replicas, role, environment and ports.</summary>
public sealed record PublishedProject(string Name, string ProjectName, int Replicas, bool IsExternal, KubernetesDeploymentAnnotation Deployment,
    IReadOnlyList<PublishedVariable> Variables, IReadOnlyList<PublishedPort> Ports);
