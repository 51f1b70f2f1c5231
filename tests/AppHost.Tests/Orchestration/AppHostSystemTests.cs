using System.Diagnostics;
using System.Net;
using AppHost.Hosting;
using AppHost.Orchestration;
using AppHost.Testing;
using AppHost.Tests.Support;

namespace AppHost.Tests.Orchestration;

/// <summary>The real graph of Program.DefineResources, started with random ports, checked through /proc and HTTP.</summary>
public sealed class AppHostSystemTests
{
    private static readonly string[] AllResources = ["redis", "demo", "ingestor", "streamapi", "frontend", "gateway"];

    [Fact]
    public async Task Graph_EveryResourceBecomesHealthy_AndGatewayAnswersOnItsFrontPort()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        foreach (var resource in AllResources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        using var gateway = app.CreateHttpClient("gateway");
        using var response = await gateway.GetAsync("/health", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(AppHostOptions.DefaultGatewayPort, app.GetEndpoint("gateway").Port);
    }

    [Fact]
    public async Task StreamApi_SendsSnapshotThroughItsFrontEndpoint_FromTheEmbeddedRedis()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("ingestor", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("streamapi", timeout.Token);
        using var client = app.CreateHttpClient("streamapi");

        using var runs = await client.GetAsync("/runs", timeout.Token);
        using var stream = await client.GetStreamAsync("/stream", timeout.Token);
        using var reader = new StreamReader(stream);
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("event:", StringComparison.Ordinal))
        {
        }

        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        Assert.Equal("event: snapshot", line);
    }

    [Fact]
    public async Task Graph_HandsEachReplicaTheAspireEnvironment()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(timeout.Token);
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
            new Dictionary<string, string?> { ["AppHost:RestartDelay"] = "00:00:00.200" }, output: null, timeout.Token);
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

    [Fact]
    public async Task Dispose_StopsEveryChildProcess()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        List<ReplicaSnapshot> replicas = [];
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var resource in AllResources)
            {
                replicas.AddRange((await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token)).Replicas);
            }
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Equal(5, replicas.Count);
        Assert.All(replicas, r => Assert.False(ProcFs.IsAlive(r.ProcessId!.Value), $"{r.Name} (pid {r.ProcessId}) outlived AppHost"));
        // Also nothing the children may have started: every process carries its replica's telemetry identity.
        Assert.All(replicas, r => Assert.Empty(ProcFs.ProcessesWithEnvironmentContaining($"service.instance.id={r.InstanceId}")));
    }
}
