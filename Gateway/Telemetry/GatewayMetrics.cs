using System.Diagnostics.Metrics;

namespace Gateway.Telemetry;

/// <summary>The gateway's own instruments, on meter <see cref="MeterName"/> (exported by ServiceDefaults' wildcard).</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Dashboard.Gateway";

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        ProxyErrors = meter.CreateCounter<long>("dashboard.gateway.proxy_errors", "{request}", "Proxied requests that failed; tagged with cluster and error.");
    }

    public Counter<long> ProxyErrors { get; }
}
