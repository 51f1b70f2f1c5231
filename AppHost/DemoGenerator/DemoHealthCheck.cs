using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DemoGenerator;

/// <summary>
/// Healthy while the demo writes (it serves nothing before its first data is written: see
/// <see cref="DemoWorker.StartAsync"/>), unhealthy once a demo loop has ended.
/// </summary>
public sealed class DemoHealthCheck(DemoWorker worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(worker.Fault is { } fault
            ? HealthCheckResult.Unhealthy("a demo loop ended", fault)
            : HealthCheckResult.Healthy($"writing; {worker.FailedIterations} failed iterations so far"));
}
