namespace AppHost.Publishing;

/// <summary>Kubernetes resource requests and limits of one container, in Kubernetes quantity syntax.</summary>
public sealed record ComputeResources(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
{
    public static ComputeResources Default { get; } = new("100m", "128Mi", "1", "512Mi");
}
