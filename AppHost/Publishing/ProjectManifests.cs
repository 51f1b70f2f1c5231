using AppHost.Settings;
using k8s.Models;

namespace AppHost.Publishing;

/// <summary>
/// The Kubernetes objects of one project: a ConfigMap with its plain environment, a Deployment (probes, requests and
/// limits, non-root read-only containers with an emptyDir for /tmp, connection strings from the operator's Secret),
/// a ClusterIP Service on port 8080, and an HPA or an Ingress where the model asks for them. The probes go to the
/// management port when the project has one (<see cref="ManagementPortExtensions"/>), which the Service leaves out.
/// </summary>
public static class ProjectManifests
{
    /// <summary>The uid the .NET runtime images run as (the <c>app</c> user); numeric so runAsNonRoot can be checked.</summary>
    public const long AppUserId = 1654;

    private const string PortName = "http";

    public static IEnumerable<object> Create(PublishedProject project, PublishOptions options)
    {
        yield return ConfigMap(project);
        yield return Deployment(project, options);
        yield return Service(project.Name, project.Deployment.Component, project.Ports);
        if (project.Deployment.MaxReplicas is { } maxReplicas)
        {
            yield return HorizontalPodAutoscaler(project, maxReplicas);
        }
        if (project.IsExternal)
        {
            yield return Ingress(project, options);
        }
    }

    public static string ImageFor(PublishedProject project, PublishOptions options) =>
        $"{ImageNameFor(project, options)}:{options.ImageTag}";

    /// <summary>The repository Directory.Build.targets gives the project's container: prefix and lower-case project name.</summary>
    public static string ImageNameFor(PublishedProject project, PublishOptions options) =>
        $"{options.ImagePrefix}/{project.ProjectName.ToLowerInvariant()}";

    public static string ConfigMapName(string resourceName) => $"{resourceName}-env";

    private static V1ConfigMap ConfigMap(PublishedProject project) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = ConfigMapName(project.Name), Labels = KubernetesLabels.For(project.Name, project.Deployment.Component) },
        Data = project.Variables.Where(v => !v.IsSecret).ToDictionary(v => v.Name, v => v.Value!),
    };

    private static V1Deployment Deployment(PublishedProject project, PublishOptions options)
    {
        var variables = project.Variables;
        List<V1EnvVar> env =
        [
            new() { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            // One telemetry identity per pod, as Aspire gives one per replica.
            new() { Name = "OTEL_RESOURCE_ATTRIBUTES", Value = "service.instance.id=$(POD_NAME)" },
        ];
        env.AddRange(variables.Where(v => v.IsSecret).Select(v => new V1EnvVar
        {
            Name = v.Name,
            ValueFrom = new V1EnvVarSource
            {
                SecretKeyRef = new V1SecretKeySelector { Name = options.SecretName, Key = v.SecretKey!, Optional = v.Optional },
            },
        }));

        var probePort = project.Ports.FirstOrDefault(p => !p.InService)?.Name ?? PortName;
        var container = new V1Container
        {
            Name = project.Name,
            Image = ImageFor(project, options),
            ImagePullPolicy = "IfNotPresent",
            Ports = [.. project.Ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.ContainerPort, Protocol = "TCP" })],
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(project.Name) } }],
            Env = env,
            Resources = Resources(project.Deployment.Resources),
            StartupProbe = HttpProbe("/alive", probePort, periodSeconds: 2, failureThreshold: 30),
            LivenessProbe = HttpProbe("/alive", probePort, periodSeconds: 10, failureThreshold: 3),
            ReadinessProbe = HttpProbe("/health", probePort, periodSeconds: 5, failureThreshold: 3),
            SecurityContext = RestrictedContainer(),
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };

        var labels = KubernetesLabels.For(project.Name, project.Deployment.Component);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = project.Name, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = project.Replicas,
                Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(project.Name) },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = "0", MaxSurge = "1" },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        SecurityContext = RestrictedPod(AppUserId),
                        TerminationGracePeriodSeconds = 30,
                        Containers = [container],
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("256Mi") } }],
                    },
                },
            },
        };
    }

    public static V1Service Service(string name, string component, string portName, int port) =>
        Service(name, component, [new PublishedPort(portName, port, InService: true)]);

    private static V1Service Service(string name, string component, IEnumerable<PublishedPort> ports) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, Labels = KubernetesLabels.For(name, component) },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = KubernetesLabels.Selector(name),
            Ports = [.. ports.Where(p => p.InService).Select(p => new V1ServicePort { Name = p.Name, Port = p.ContainerPort, TargetPort = p.Name, Protocol = "TCP" })],
        },
    };

    private static V2HorizontalPodAutoscaler HorizontalPodAutoscaler(PublishedProject project, int maxReplicas) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = new V1ObjectMeta { Name = project.Name, Labels = KubernetesLabels.For(project.Name, project.Deployment.Component) },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = project.Name },
            MinReplicas = project.Replicas,
            MaxReplicas = Math.Max(project.Replicas, maxReplicas),
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = project.Deployment.TargetCpuUtilizationPercent },
                    },
                },
            ],
        },
    };

    private static V1Ingress Ingress(PublishedProject project, PublishOptions options) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta
        {
            Name = project.Name,
            Labels = KubernetesLabels.For(project.Name, project.Deployment.Component),
            // Server-sent events: no response buffering and no read timeout shorter than a long-lived stream.
            Annotations = new Dictionary<string, string>
            {
                ["nginx.ingress.kubernetes.io/proxy-buffering"] = "off",
                ["nginx.ingress.kubernetes.io/proxy-read-timeout"] = "3600",
                ["nginx.ingress.kubernetes.io/proxy-send-timeout"] = "3600",
            },
        },
        Spec = new V1IngressSpec
        {
            IngressClassName = string.IsNullOrEmpty(options.IngressClassName) ? null : options.IngressClassName,
            Rules =
            [
                new V1IngressRule
                {
                    Host = string.IsNullOrEmpty(options.IngressHost) ? null : options.IngressHost,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = project.Name, Port = new V1ServiceBackendPort { Name = PortName } },
                                },
                            },
                        ],
                    },
                },
            ],
        },
    };

    public static V1ResourceRequirements Resources(ComputeResources resources) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(resources.CpuRequest),
            ["memory"] = new(resources.MemoryRequest),
        },
        Limits = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(resources.CpuLimit),
            ["memory"] = new(resources.MemoryLimit),
        },
    };

    private static V1Probe HttpProbe(string path, string port, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = periodSeconds,
        FailureThreshold = failureThreshold,
        TimeoutSeconds = 3,
    };

    public static V1PodSecurityContext RestrictedPod(long userId) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = userId,
        RunAsGroup = userId,
        FsGroup = userId,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1SecurityContext RestrictedContainer() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
