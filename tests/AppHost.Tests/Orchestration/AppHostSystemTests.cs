using System.Diagnostics;
using System.Net;
using AppHost.Orchestration;
using AppHost.Testing;
using AppHost.Tests.Support;

namespace AppHost.Tests.Orchestration;

/// <summary>The real graph of Program.DefineResources, started with random ports, checked through /proc and HTTP.</summary>
public sealed class AppHostSystemTests
{
    /// <summary>These tests are about processes and their environment; ClickHouse would only make them slower.</summary>
    private static readonly Dictionary<string, string?> WithoutClickHouse = new() { ["AppHost:ClickHouse"] = "None" };

    [Fact]
    public async Task Graph_HandsEachReplicaTheAspireEnvironment()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>([], WithoutClickHouse, output: null, timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        var streamApi = await app.ResourceNotifications.WaitForResourceHealthyAsync("streamapi", timeout.Token);
        var gateway = await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        var ingestor = await app.ResourceNotifications.WaitForResourceHealthyAsync("ingestor", timeout.Token);

        Assert.Equal(2, streamApi.Replicas.Length);
        Assert.Equal(2, streamApi.Replicas.Select(r => r.InstanceId).Distinct().Count());
        foreach (var replica in streamApi.Replicas)
        {
            var environment = ProcFs.Environment(replica.ProcessId!.Value);
            Assert.Equal(app.GetConnectionString("redis"), environment["ConnectionStrings__redis"]);
            Assert.Equal("streamapi", environment["OTEL_SERVICE_NAME"]);
            Assert.Equal($"service.instance.id={replica.InstanceId}", environment["OTEL_RESOURCE_ATTRIBUTES"]);
            Assert.Equal($"http://localhost:{replica.TargetPort}", environment["ASPNETCORE_URLS"]);
            Assert.StartsWith("http://127.0.0.1:", environment["OTEL_EXPORTER_OTLP_ENDPOINT"], StringComparison.Ordinal);
            Assert.False(environment.ContainsKey("HTTP_PORTS"));
            Assert.False(environment.ContainsKey("ConnectionStrings__clickhouse"));
        }
        Assert.NotEqual(streamApi.Replicas[0].TargetPort, app.GetEndpoint("streamapi").Port);

        var gatewayEnvironment = ProcFs.Environment(gateway.Replicas.Single().ProcessId!.Value);
        Assert.Equal(app.GetEndpoint("streamapi").ToString().TrimEnd('/'), gatewayEnvironment["services__streamapi__http__0"]);
        Assert.Equal(app.GetEndpoint("frontend").ToString().TrimEnd('/'), gatewayEnvironment["services__frontend__http__0"]);
        Assert.False(gatewayEnvironment.ContainsKey("ConnectionStrings__redis"));

        var ingestorEnvironment = ProcFs.Environment(ingestor.Replicas.Single().ProcessId!.Value);
        Assert.True(Directory.Exists(ingestorEnvironment["LogDirectorySource__Directories__0"]));
        Assert.True(Directory.Exists(ingestorEnvironment["LogDirectorySource__Directories__1"]));
    }

    [Fact]
    public async Task Supervisor_RestartsKilledReplica_AndResourceBecomesHealthyAgain()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>([],
            new Dictionary<string, string?>(WithoutClickHouse) { ["AppHost:RestartDelay"] = "00:00:00.200" }, output: null, timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        var before = await app.ResourceNotifications.WaitForResourceHealthyAsync("streamapi", timeout.Token);
        var victim = before.Replicas[0];

        Process.GetProcessById(victim.ProcessId!.Value).Kill();

        var after = await app.ResourceNotifications.WaitForResourceAsync("streamapi", s =>
            s.Health == HealthStatus.Healthy && s.Replicas[0].RestartCount == 1 && s.Replicas[0].IsReady, timeout.Token);
        Assert.NotEqual(victim.ProcessId, after.Replicas[0].ProcessId);
        Assert.Equal(victim.TargetPort, after.Replicas[0].TargetPort);
        Assert.Equal(0, after.Replicas[1].RestartCount);
        using var client = app.CreateHttpClient("streamapi");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", timeout.Token)).StatusCode);
    }
}
