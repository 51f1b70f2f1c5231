using System.ComponentModel.DataAnnotations;

namespace ServiceDefaults.Health;

/// <summary>Where <c>/health</c> and <c>/alive</c> are served (section <see cref="SectionName"/>).</summary>
public sealed class HealthEndpointsOptions
{
    public const string SectionName = "HealthEndpoints";

    /// <summary>
    /// The management port: when set, the health endpoints answer only on this port, and this port answers nothing
    /// else. Published to Kubernetes, the probes use it and the Service leaves it out, so the Ingress never reaches it.
    /// Unset, they answer on every port the service listens on (local runs, where everything is loopback).
    /// </summary>
    [Range(1, 65535, ErrorMessage = "must be a TCP port between 1 and 65535, or unset to serve /health and /alive on every port")]
    public int? Port { get; set; }
}
