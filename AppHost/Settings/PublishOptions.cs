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
}
