namespace AppHost.Model;

/// <summary>How a published Deployment scales on CPU utilisation, from its replica count up to <see cref="MaxReplicas"/>.</summary>
public sealed record Autoscaling(int MaxReplicas, int TargetCpuUtilizationPercent);
