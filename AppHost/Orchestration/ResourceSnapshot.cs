using System.Collections.Immutable;
using AppHost.Model;

namespace AppHost.Orchestration;

/// <summary>What is known about a resource at one moment, as Aspire's resource notifications report it.</summary>
public sealed record ResourceSnapshot(string Name, ResourceState State)
{
    public HealthStatus Health { get; init; } = HealthStatus.Unknown;

    /// <summary>Why the resource is in its state, for a state a user should act on (failed, exited, unhealthy).</summary>
    public string? Message { get; init; }

    public Uri? Endpoint { get; init; }

    public ImmutableArray<ReplicaSnapshot> Replicas { get; init; } = [];

    public bool IsTerminal => State is ResourceState.FailedToStart or ResourceState.Exited or ResourceState.Finished;
}
