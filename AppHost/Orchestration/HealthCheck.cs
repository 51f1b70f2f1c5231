namespace AppHost.Orchestration;

public readonly record struct HealthCheck(bool IsHealthy, string? Reason)
{
    public static HealthCheck Healthy { get; } = new(true, null);

    public static HealthCheck Unhealthy(string reason) => new(false, reason);
}
