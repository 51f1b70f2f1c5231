using Contracts.Analytics;
using Ingestor.Sources.LogDirectory.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestor.Sources.LogDirectory.Health;

/// <summary>
/// Degraded until the first scan completed, or while scans fail or a directory cannot be read; unhealthy once the
/// source's loop has stopped on an error. Missing directories are healthy: the simulation may not have started.
/// </summary>
public sealed class LogDirectoryHealthCheck(LogDirectoryHealthState state, LogDirectoryStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Fault is { } fault)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The log-directory source stopped", fault));
        }
        if (!state.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No log directories configured"));
        }

        int runs;
        lock (store.Sync)
        {
            runs = store.RunCount;
        }
        var snapshot = state.Snapshot(runs);
        var data = new Dictionary<string, object>
        {
            ["runs"] = snapshot.Runs,
            ["files"] = snapshot.Files,
            ["malformed_lines"] = snapshot.MalformedLines,
            ["corrupt_records"] = snapshot.CorruptRecords,
        };
        if (snapshot.LastScan is { } lastScan)
        {
            data["last_scan"] = lastScan;
        }
        var description = string.Join("; ", snapshot.Directories.Select(d =>
            $"{d.Path}: {(d.Exists ? $"{d.Files} files, run {d.CurrentRunId ?? "none yet"}" : "not there yet")}{(d.LastError is null ? "" : $", error: {d.LastError}")}"));
        return Task.FromResult(snapshot.Status switch
        {
            LogDirectoryHealth.Healthy => HealthCheckResult.Healthy(description, data),
            LogDirectoryHealth.Starting => HealthCheckResult.Degraded("First scan not finished", data: data),
            _ => HealthCheckResult.Degraded(description, data: data),
        });
    }
}
