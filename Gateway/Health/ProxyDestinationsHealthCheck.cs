using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Health;

/// <summary>
/// Reports, per cluster, how many destinations YARP's health checks find healthy (not yet probed counts as
/// healthy). YARP itself keeps sending to all of them when none is healthy ("HealthyOrPanic"). A cluster with none is
/// Degraded, not Unhealthy: the gateway itself still serves (the dashboard then shows its disconnected state),
/// so an orchestrator must not restart or unlist it for a backend's outage.
/// </summary>
public sealed class ProxyDestinationsHealthCheck(IProxyStateLookup proxyState) : IHealthCheck
{
    public const string Name = "destinations";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var empty = new List<string>();
        foreach (var cluster in proxyState.GetClusters())
        {
            var all = cluster.DestinationsState.AllDestinations;
            var healthy = all.Count(destination =>
                destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy);
            data[cluster.ClusterId] = $"{healthy}/{all.Count} healthy";
            if (healthy == 0)
            {
                empty.Add(cluster.ClusterId);
            }
        }

        var result = empty.Count == 0
            ? HealthCheckResult.Healthy("Every cluster has a healthy destination.", data)
            : HealthCheckResult.Degraded($"No healthy destination in: {string.Join(", ", empty)}.", data: data);
        return Task.FromResult(result);
    }
}
