using ClickHouse.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// The ClickHouse source's state, from what its loop last saw (no query of its own): the registration's failure
/// status while ClickHouse fails or the table is missing, with the error (Degraded: ClickHouse is optional and the
/// log-directory source and publishing go on without it, so the ingestor stays ready); Degraded while starting,
/// backfilling, or when no poll has succeeded for a while (a stuck loop); otherwise Healthy.
/// </summary>
public sealed class ClickHouseSourceHealthCheck(
    ClickHouseSourceStatus status, ClickHouseSettings settings, IOptions<ClickHouseSourceOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = status.Current;
        var data = new Dictionary<string, object>
        {
            ["phase"] = current.Phase.ToString(),
            ["consecutive_failures"] = current.ConsecutiveFailures,
        };
        if (current.LastSuccess is { } lastSuccess)
        {
            data["last_success"] = lastSuccess;
        }
        if (current.Phase == SourcePhase.Backfilling)
        {
            data["runs_backfilled"] = current.RunsBackfilled;
            data["runs_to_backfill"] = current.RunsToBackfill;
        }
        return Task.FromResult(Evaluate(current, data, context.Registration?.FailureStatus ?? HealthStatus.Unhealthy));
    }

    private HealthCheckResult Evaluate(ClickHouseSourceStatus.Snapshot current, Dictionary<string, object> data, HealthStatus failureStatus)
    {
        if (current.ConsecutiveFailures > 0)
        {
            var description = current.TableMissing
                ? current.LastError
                : $"ClickHouse at {settings.Endpoint} is failing ({current.ConsecutiveFailures} attempts in a row): {current.LastError}";
            return new HealthCheckResult(failureStatus, description, data: data);
        }
        switch (current.Phase)
        {
            case SourcePhase.Starting:
                return HealthCheckResult.Degraded($"Connecting to ClickHouse at {settings.Endpoint}", data: data);
            case SourcePhase.Backfilling:
                return HealthCheckResult.Degraded($"Reading history: {current.RunsBackfilled} of {current.RunsToBackfill} runs", data: data);
        }
        var age = time.GetUtcNow() - current.LastSuccess.GetValueOrDefault();
        var stale = TimeSpan.FromTicks(Math.Max(options.Value.PollInterval.Ticks * 10, options.Value.QueryTimeout.Ticks * 2));
        return age > stale
            ? HealthCheckResult.Degraded($"No poll has finished for {age.TotalSeconds:F0} s", data: data)
            : HealthCheckResult.Healthy($"Polling {settings.Endpoint}; last poll finished {age.TotalMilliseconds:F0} ms ago", data: data);
    }
}
