using System.ComponentModel.DataAnnotations;

namespace AppHost.Settings;

/// <summary>The <c>AppHost:Publish</c> section: what the Kubernetes manifests name that the graph does not know.</summary>
public sealed class PublishOptions
{
    /// <summary>Prefix of every image; <c>training-dashboard/ingestor</c> etc., as the containers are built (Directory.Build.targets).</summary>
    [RegularExpression("^[a-z0-9]+([._/-][a-z0-9]+)*$")]
    public string ImagePrefix { get; set; } = "training-dashboard";

    [RegularExpression("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    public string ImageTag { get; set; } = "latest";

    /// <summary>The Secret the operator creates with the connection strings (never written by the publisher).</summary>
    [RegularExpression("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public string SecretName { get; set; } = "training-dashboard-connections";

    /// <summary>True: the cluster gets a Redis StatefulSet; false: <c>ConnectionStrings__redis</c> names a managed Redis.</summary>
    public bool RedisStatefulSet { get; set; } = true;

    [RegularExpression("^[a-z0-9]+([._/:@-][a-z0-9]+)*$")]
    public string RedisImage { get; set; } = "redis:7.2-alpine";

    /// <summary>Host name of the gateway's Ingress rule; empty matches every host.</summary>
    public string IngressHost { get; set; } = "";

    public string? IngressClassName { get; set; }

    [Range(1, 1000)]
    public int StreamApiMaxReplicas { get; set; } = 10;

    /// <summary>
    /// How the published gateway authenticates (<c>Gateway__Authentication__Mode</c>): <c>OpenIdConnect</c>, <c>Jwt</c>,
    /// <c>ApiKey</c> or <c>None</c>. Not None, the gateway refuses to start until its settings are complete.
    /// </summary>
    [RegularExpression("^(OpenIdConnect|Jwt|ApiKey|None)$")]
    public string GatewayAuthentication { get; set; } = "OpenIdConnect";

    /// <summary>The OpenID Connect provider's issuer URL, for <c>OpenIdConnect</c> and <c>Jwt</c>.</summary>
    public string GatewayAuthority { get; set; } = "";

    /// <summary>The client id (and token audience) the gateway is registered with at the provider.</summary>
    public string GatewayClientId { get; set; } = "";
}
