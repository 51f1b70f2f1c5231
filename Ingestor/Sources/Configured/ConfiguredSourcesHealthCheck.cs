using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestor.Sources.Configured;

/// <summary>Degraded, not unhealthy, while no source is configured: the service is alive and harmless, only idle.</summary>
public sealed class ConfiguredSourcesHealthCheck(ConfiguredSources sources) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(sources.IsEmpty
            ? HealthCheckResult.Degraded(ConfiguredSources.Guidance)
            : HealthCheckResult.Healthy("Reading " + string.Join(", ", sources.Names)));
}
