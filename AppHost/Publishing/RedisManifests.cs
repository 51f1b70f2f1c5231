using AppHost.Settings;
using k8s.Models;

namespace AppHost.Publishing;

/// <summary>
/// Redis in the cluster: a one-pod StatefulSet without persistence (the ingestor rebuilds everything from its
/// sources) whose password comes from the operator's Secret, and its ClusterIP Service.
/// </summary>
public static class RedisManifests
{
    public const string PasswordKey = "redis-password";

    /// <summary>The port of the official image, and of Aspire's Redis container.</summary>
    public const int Port = 6379;

    private const string MemoryLimit = "1Gi";

    /// <summary>Three quarters of <see cref="MemoryLimit"/>: room for the server's own buffers and client output.</summary>
    private const string MaxMemory = "768mb";

    /// <summary>The uid of the redis user in the official image.</summary>
    private const long RedisUserId = 999;

    public static IEnumerable<object> Create(string name, PublishOptions options)
    {
        var labels = KubernetesLabels.For(name, "cache");
        var container = new V1Container
        {
            Name = name,
            Image = options.RedisImage,
            ImagePullPolicy = "IfNotPresent",
            // Through a shell so the password is read from the environment when the server starts, and so the empty
            // "--save" argument (no snapshots) need not be written as an empty YAML string.
            Command = ["sh", "-c"],
            // maxmemory below the container's limit: Redis refuses writes (the ingestor keeps them and retries) instead of
            // being killed by the kernel with everything in it. noeviction, because an evicted snapshot key or replay
            // log would silently show clients a partial truth.
            Args = [$"exec redis-server --requirepass \"$REDIS_PASSWORD\" --save '' --appendonly no --dir /data --maxmemory {MaxMemory} --maxmemory-policy noeviction"],
            Ports = [new V1ContainerPort { Name = "redis", ContainerPort = Port, Protocol = "TCP" }],
            Env =
            [
                new V1EnvVar
                {
                    Name = "REDIS_PASSWORD",
                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = options.SecretName, Key = PasswordKey } },
                },
            ],
            Resources = ProjectManifests.Resources(new ComputeResources("100m", "128Mi", "1", MemoryLimit)),
            LivenessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "redis" }, PeriodSeconds = 10, TimeoutSeconds = 3 },
            ReadinessProbe = new V1Probe
            {
                Exec = new V1ExecAction { Command = ["sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG"] },
                PeriodSeconds = 5,
                TimeoutSeconds = 3,
            },
            SecurityContext = ProjectManifests.RestrictedContainer(),
            VolumeMounts =
            [
                new V1VolumeMount { Name = "data", MountPath = "/data" },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ],
        };
        yield return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1StatefulSetSpec
            {
                ServiceName = name,
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        SecurityContext = ProjectManifests.RestrictedPod(RedisUserId),
                        Containers = [container],
                        Volumes =
                        [
                            new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() },
                            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
                        ],
                    },
                },
            },
        };
        yield return ProjectManifests.Service(name, "cache", "redis", Port);
    }
}
