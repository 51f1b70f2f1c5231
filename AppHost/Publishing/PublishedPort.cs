namespace AppHost.Publishing;

/// <summary>
/// A port of a project's container, named after its endpoint. One left out of references (the management port) is
/// not in the Service either: nothing is meant to reach it but the kubelet's probes.
/// </summary>
public sealed record PublishedPort(string Name, int ContainerPort, bool InService);
