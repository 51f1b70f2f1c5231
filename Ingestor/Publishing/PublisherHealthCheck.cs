using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestor.Publishing;

/// <summary>Degraded until the first snapshot is in Redis, Unhealthy when publishing has failed or the loop died.</summary>
public sealed class PublisherHealthCheck(PublisherStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["sequence"] = status.Sequence,
            ["snapshot_published"] = status.SnapshotPublished,
        };
        if (status.LastPublished is { } last)
        {
            data["last_published"] = last;
        }
        if (status.Fault is { } fault)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The publishing loop stopped.", fault, data));
        }
        if (status.FailingSince is { } since)
        {
            data["failing_since"] = since;
            return Task.FromResult(HealthCheckResult.Unhealthy($"Publishing to Redis fails: {status.LastError}", data: data));
        }
        return Task.FromResult(status.SnapshotPublished
            ? HealthCheckResult.Healthy($"Published up to seq {status.Sequence}.", data)
            : HealthCheckResult.Degraded("No snapshot published yet.", data: data));
    }
}
