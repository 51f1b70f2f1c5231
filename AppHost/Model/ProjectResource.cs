namespace AppHost.Model;

/// <summary>A .NET service project: a process per replica locally, a Deployment when published.</summary>
public sealed class ProjectResource(string name, ProjectMetadata metadata) : Resource(name)
{
    public ProjectMetadata Metadata { get; } = metadata;

    public int Replicas { get; set; } = 1;

    public HttpEndpoint Endpoint { get; set; } = new(Port: null, IsExternal: false);

    /// <summary>Resources whose connection string or URL this project receives.</summary>
    public List<Resource> References { get; } = [];

    public List<EnvironmentValue> Environment { get; } = [];

    public ComputeResources ComputeResources { get; set; } = ComputeResources.Default;

    public Autoscaling? Autoscaling { get; set; }

    /// <summary>The role it plays (<c>app.kubernetes.io/component</c> when published): api, worker, gateway, web.</summary>
    public string Component { get; set; } = "service";

    /// <summary>Stateful singletons (the ingestor owns the delta sequence) must never run twice during a rollout.</summary>
    public bool IsSingleton { get; set; }
}
