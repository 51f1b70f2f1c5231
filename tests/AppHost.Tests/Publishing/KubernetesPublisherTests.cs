using System.Text.Json;
using AppHost.Tests.Support;
using k8s;
using k8s.Models;
using TestSupport;

namespace AppHost.Tests.Publishing;

/// <summary>
/// What AppHost's two publish commands write from the one model: Aspire's manifest, and the Kubernetes manifests loaded
/// back with KubernetesClient's models and checked for structure.
/// </summary>
public sealed class KubernetesPublisherTests : IDisposable
{
    private const string SecretName = "training-dashboard-connections";
    private static readonly string[] OperatorProvidedKeys =
        ["ConnectionStrings__redis", "ConnectionStrings__clickhouse", "redis-password", "Gateway__Authentication__ClientSecret", "Gateway__Authentication__ApiKeys__0"];

    private readonly TempDirectory _output = new("apphost-publish");

    public void Dispose() => _output.Dispose();

    [Fact]
    public async Task Publish_WritesLoadableManifests_ListedInKustomization()
    {
        var objects = await PublishAsync();

        var kustomization = await File.ReadAllTextAsync(_output.Combine("kustomization.yaml"), TestContext.Current.CancellationToken);
        foreach (var file in Directory.GetFiles(_output.Path, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml"))
        {
            Assert.Contains($"  - {file}\n", kustomization, StringComparison.Ordinal);
        }
        Assert.Equal(["frontend", "gateway", "ingestor", "streamapi"], objects.OfType<V1Deployment>().Select(d => d.Metadata.Name).Order());
        var redis = Assert.Single(objects.OfType<V1StatefulSet>(), s => s.Metadata.Name == "redis");
        Assert.Contains("--maxmemory 768mb --maxmemory-policy noeviction", redis.Spec.Template.Spec.Containers[0].Args[0], StringComparison.Ordinal);
        Assert.Equal("1Gi", redis.Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToString());
        Assert.Equal(["frontend", "gateway", "ingestor", "redis", "streamapi"], objects.OfType<V1Service>().Select(s => s.Metadata.Name).Order());
        Assert.Empty(objects.OfType<V1Secret>());
    }

    [Fact]
    public async Task Publish_GivesEveryDeploymentProbesLimitsAndARestrictedSecurityContext()
    {
        var objects = await PublishAsync();

        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);
            Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal(8080, Assert.Single(container.Ports, p => p.Name == "http").ContainerPort);
            Assert.Equal($"training-dashboard/{deployment.Metadata.Name}:latest", container.Image);
            Assert.True(container.Resources.Requests.ContainsKey("cpu") && container.Resources.Requests.ContainsKey("memory"));
            Assert.True(container.Resources.Limits.ContainsKey("cpu") && container.Resources.Limits.ContainsKey("memory"));
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Contains("ALL", container.SecurityContext.Capabilities.Drop);
            var tmp = Assert.Single(container.VolumeMounts, m => m.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == tmp.Name).EmptyDir);
            foreach (var key in (string[])["app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/instance"])
            {
                Assert.True(deployment.Spec.Template.Metadata.Labels.ContainsKey(key), $"{deployment.Metadata.Name} lacks label {key}");
            }
        }
    }

    /// <summary>
    /// Health stays off the Ingress: every pod serves /health and /alive on a management port of its own, the probes
    /// use it, and neither the Services nor the Ingress behind them expose it, nor does any service learn its address.
    /// </summary>
    [Fact]
    public async Task Publish_ProbesEveryDeploymentOnAManagementPort_ThatNoServiceOrIngressExposes()
    {
        var objects = await PublishAsync();
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);
        var services = objects.OfType<V1Service>().ToDictionary(s => s.Metadata.Name);

        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var name = deployment.Metadata.Name;
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal(8081, Assert.Single(container.Ports, p => p.Name == "management").ContainerPort);
            foreach (var probe in (V1Probe[])[container.StartupProbe, container.LivenessProbe, container.ReadinessProbe])
            {
                Assert.Equal("management", probe.HttpGet.Port.Value);
            }
            var environment = configMaps[$"{name}-env"].Data;
            Assert.Equal("8081", environment["HealthEndpoints__Port"]);
            Assert.Equal("8080;8081", environment["HTTP_PORTS"]);
            var servicePort = Assert.Single(services[name].Spec.Ports);
            Assert.Equal(("http", 8080, "http"), (servicePort.Name, servicePort.Port, servicePort.TargetPort.Value));
            Assert.All(environment.Values, value => Assert.DoesNotContain(":8081", value, StringComparison.Ordinal));
        }
        var ingress = Assert.Single(objects.OfType<V1Ingress>());
        var backend = Assert.Single(ingress.Spec.Rules.SelectMany(r => r.Http.Paths)).Backend.Service;
        Assert.Equal(("gateway", "http"), (backend.Name, backend.Port.Name));
        // The gateway reaches StreamApi and the frontend through their Services, which only pass ready pods; its own
        // active checks would find /health gone from their public port.
        var gateway = configMaps["gateway-env"].Data;
        Assert.Equal("false", gateway["ReverseProxy__Clusters__streamapi__HealthCheck__Active__Enabled"]);
        Assert.Equal("false", gateway["ReverseProxy__Clusters__frontend__HealthCheck__Active__Enabled"]);
    }

    [Fact]
    public async Task Publish_ReferencesOnlyExistingConfigMapsAndOperatorSecretKeys_AndWritesNoSecretLiteral()
    {
        var objects = await PublishAsync();
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);

        foreach (var pod in objects.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec)
            .Concat(objects.OfType<V1StatefulSet>().Select(s => s.Spec.Template.Spec)))
        {
            foreach (var container in pod.Containers)
            {
                foreach (var source in container.EnvFrom ?? [])
                {
                    Assert.True(configMaps.ContainsKey(source.ConfigMapRef.Name), $"ConfigMap {source.ConfigMapRef.Name} is not published");
                }
                foreach (var variable in container.Env ?? [])
                {
                    if (variable.ValueFrom?.SecretKeyRef is { } secret)
                    {
                        Assert.Equal(SecretName, secret.Name);
                        Assert.Contains(secret.Key, OperatorProvidedKeys);
                    }
                    Assert.DoesNotContain("password=", variable.Value ?? "", StringComparison.OrdinalIgnoreCase);
                }
            }
        }
        foreach (var configMap in configMaps.Values)
        {
            Assert.DoesNotContain(configMap.Data.Keys, k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
            Assert.DoesNotContain(configMap.Data.Values, v => v.Contains("password", StringComparison.OrdinalIgnoreCase));
        }
        var kustomization = await File.ReadAllTextAsync(_output.Combine("kustomization.yaml"), TestContext.Current.CancellationToken);
        foreach (var key in OperatorProvidedKeys)
        {
            // The command that creates the Secret, or the note beside it, names every key the manifests read.
            Assert.Contains(key, kustomization, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Publish_WiresServicesTheAspireWay_WithIngressAndAutoscaler()
    {
        var objects = await PublishAsync();
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);

        var gateway = configMaps["gateway-env"].Data;
        Assert.Equal("http://streamapi:8080", gateway["services__streamapi__http__0"]);
        Assert.Equal("http://frontend:8080", gateway["services__frontend__http__0"]);
        Assert.Equal("8080;8081", gateway["HTTP_PORTS"]);
        // Trusting X-Forwarded-* from anyone lets a client forge its address; the gateway's own settings name its proxies.
        Assert.All(configMaps.Values, c => Assert.DoesNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", c.Data.Keys));
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", gateway.Keys);
        // Beyond loopback the gateway refuses to serve without authentication; published, it is asked for.
        Assert.Equal("OpenIdConnect", gateway["Gateway__Authentication__Mode"]);

        var ingestor = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "ingestor");
        // One writes, holding the lease; the other stands by, so a rolling update never leaves the prefix unwritten.
        Assert.Equal(2, ingestor.Spec.Replicas);
        Assert.Equal("RollingUpdate", ingestor.Spec.Strategy.Type);
        var clickhouse = Assert.Single(ingestor.Spec.Template.Spec.Containers[0].Env, e => e.Name == "ConnectionStrings__clickhouse");
        Assert.True(clickhouse.ValueFrom.SecretKeyRef.Optional);
        Assert.DoesNotContain(configMaps["ingestor-env"].Data.Keys, k => k.StartsWith("LogDirectorySource", StringComparison.Ordinal));

        var autoscaler = Assert.Single(objects.OfType<V2HorizontalPodAutoscaler>());
        Assert.Equal("streamapi", autoscaler.Spec.ScaleTargetRef.Name);
        Assert.Equal(2, autoscaler.Spec.MinReplicas);
        Assert.Equal(2, objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "streamapi").Spec.Replicas);

        var ingress = Assert.Single(objects.OfType<V1Ingress>());
        Assert.Equal("gateway", ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name);
    }

    [Fact]
    public async Task PublishManifest_WritesAspireResourcesWithReferenceExpressions_AndExits()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(1));
        var file = _output.Combine("aspire-manifest.json");
        await using var appHost = AppHostProcess.Start("--publisher", "manifest", "--output-path", file);
        Assert.Equal(0, await appHost.WaitForExitAsync(timeout.Token));

        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(file, timeout.Token));
        var resources = manifest.RootElement.GetProperty("resources");
        Assert.Equal(["clickhouse", "frontend", "gateway", "gateway-api-key", "gateway-client-secret", "ingestor", "redis", "streamapi"],
            resources.EnumerateObject().Where(r => !r.Name.StartsWith("redis-", StringComparison.Ordinal) && !r.Name.StartsWith("cond-", StringComparison.Ordinal))
                .Select(r => r.Name).Order());
        Assert.Equal("container.v0", resources.GetProperty("redis").GetProperty("type").GetString());
        Assert.True(resources.GetProperty("redis-password").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        var clickhouse = resources.GetProperty("clickhouse");
        Assert.Equal("parameter.v0", clickhouse.GetProperty("type").GetString());
        Assert.True(clickhouse.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        var gateway = resources.GetProperty("gateway");
        Assert.Equal("project.v0", gateway.GetProperty("type").GetString());
        Assert.Equal("{streamapi.bindings.http.url}", gateway.GetProperty("env").GetProperty("services__streamapi__http__0").GetString());
        Assert.True(gateway.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        Assert.Equal(8081, gateway.GetProperty("bindings").GetProperty("management").GetProperty("targetPort").GetInt32());
        Assert.False(gateway.GetProperty("bindings").GetProperty("management").TryGetProperty("external", out _));
        Assert.DoesNotContain(gateway.GetProperty("env").EnumerateObject(), v => v.Name.Contains("management", StringComparison.Ordinal));
        var ingestor = resources.GetProperty("ingestor");
        Assert.Equal("{redis.connectionString}", ingestor.GetProperty("env").GetProperty("ConnectionStrings__redis").GetString());
        Assert.Equal("{clickhouse.connectionString}", ingestor.GetProperty("env").GetProperty("ConnectionStrings__clickhouse").GetString());
        Assert.False(ingestor.GetProperty("env").TryGetProperty("REDIS_PASSWORD", out _));
        Assert.EndsWith("Ingestor/Ingestor.csproj", ingestor.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<object>> PublishAsync()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(1));
        await using var appHost = AppHostProcess.Start("--operation", "publish", "--step", "publish-kubernetes", "--output-path", _output.Path);
        Assert.Equal(0, await appHost.WaitForExitAsync(timeout.Token));

        List<object> objects = [];
        foreach (var file in Directory.GetFiles(_output.Path, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
        {
            objects.AddRange(KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file, timeout.Token)));
        }
        return objects;
    }
}
