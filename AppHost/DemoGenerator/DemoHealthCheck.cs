using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DemoGenerator;

/// <summary>
/// Healthy once the first data is on disk (and in ClickHouse), degraded while it is being written, unhealthy when a
/// demo loop has ended.
/// </summary>
public sealed class DemoHealthCheck(DemoWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker.State switch
        {
            DemoState.Running => HealthCheckResult.Healthy($"writing; {worker.FailedIterations} failed iterations so far"),
            DemoState.Faulted => HealthCheckResult.Unhealthy("a demo loop ended", worker.Fault),
            _ => HealthCheckResult.Degraded("writing the initial demo data"),
        });
}
