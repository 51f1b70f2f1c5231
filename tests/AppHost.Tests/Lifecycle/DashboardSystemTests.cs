using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using AppHost.Tests.Support;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TestSupport;

namespace AppHost.Tests.Lifecycle;

/// <summary>
/// The whole system as `dotnet run --project AppHost` starts it, with a local ClickHouse, built from the real AppHost
/// model by Aspire.Hosting.Testing and seen the way the browser sees it: through the gateway only.
/// </summary>
public sealed class DashboardSystemTests : IDisposable
{
    internal const string LiveIconRun = "icon-live@2022-01-01T06:00:00";
    internal const string FinishedIconRun = "icon-finished@2021-12-01T00:00:00";

    private static readonly string[] AllResources =
        ["garnet", "redis", "clickhouse-server", "clickhouse", "demo", "ingestor", "streamapi", "frontend", "gateway"];

    /// <summary>The demo's defaults, made smaller and faster so the test sees history and live data within seconds.</summary>
    private static readonly string[] Settings =
    [
        "--AppHost:ClickHouse=LocalServer",
        "--AppHost:Demo:TimestepInterval=00:00:01",
        "--AppHost:Demo:StepInterval=00:00:00.500",
        "--AppHost:Demo:BatchesPerTimestep=20",
        "--AppHost:Demo:FinishedRunTimesteps=12",
        "--AppHost:Demo:FinishedRunSteps=300",
        "--AppHost:Demo:LiveRunHistorySteps=50",
    ];

    private readonly TestSupport.TempDirectory _data = new("apphost-system");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Gateway_ServesTheDemoRunsLive_EachServiceGetsWhatAspireHandsIt_AndDisposeLeavesNoProcess()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(4));
        var builder = await AspireApp.CreateAsync(_data.Path, Settings, only: null, timeout.Token);
        IReadOnlyList<ResourceProcesses> processes;
        string clickhouseDirectory;
        await using (var app = await builder.BuildAsync(timeout.Token))
        {
            await app.StartAsync(timeout.Token);
            foreach (var resource in AllResources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            processes = await ResourceProcesses.ReadAsync(app.ResourceNotifications, timeout.Token);
            clickhouseDirectory = Path.Combine(_data.Path, "clickhouse-server");

            await EachReplicaGetsTheAspireEnvironment(app, processes, timeout.Token);
            using var gateway = app.CreateHttpClient("gateway");
            Assert.NotEqual(18080, gateway.BaseAddress!.Port);
            await StreamSendsSnapshotOfTheDemoRuns_ThenDeltasAsTheDemoWrites(gateway, timeout.Token);
            await RunsListActiveAndInactiveDemoRuns(gateway, timeout.Token);
            await LossAnalyticsAnswersForTheLiveLogDirectoryRun(gateway, timeout.Token);
        }

        // Garnet, ClickHouse, the demo, the ingestor, two StreamApi replicas, the frontend and the gateway.
        Assert.Equal(8, processes.Count);
        Assert.All(processes, p => Assert.False(ProcFs.IsAlive(p.LauncherPid), $"{p.ResourceName} (pid {p.LauncherPid}) outlived AppHost"));
        Assert.All(processes, p => Assert.Empty(ProcFs.ProcessesWithEnvironmentContaining($"service.instance.id={p.InstanceId}")));
        Assert.Empty(ProcFs.ProcessesWithCommandLineContaining($"--path={clickhouseDirectory}/"));
    }

    /// <summary>What Aspire hands a project, read from the service processes themselves.</summary>
    private static async Task EachReplicaGetsTheAspireEnvironment(DistributedApplication app, IReadOnlyList<ResourceProcesses> processes,
        CancellationToken cancellationToken)
    {
        var redis = await app.GetConnectionStringAsync("redis", cancellationToken);
        var clickhouse = await app.GetConnectionStringAsync("clickhouse", cancellationToken);
        var streamApis = processes.Where(p => p.ResourceName == "streamapi").ToList();
        Assert.Equal(2, streamApis.Count);
        foreach (var replica in streamApis)
        {
            var environment = ProcFs.Environment(replica.ServicePid!.Value);
            Assert.Equal(redis, environment["ConnectionStrings__redis"]);
            Assert.Equal(clickhouse, environment["ConnectionStrings__clickhouse"]);
            Assert.Equal("streamapi", environment["OTEL_SERVICE_NAME"]);
            Assert.Contains($"service.instance.id={replica.InstanceId}", environment["OTEL_RESOURCE_ATTRIBUTES"], StringComparison.Ordinal);
            Assert.StartsWith("http://localhost:", environment["ASPNETCORE_URLS"], StringComparison.Ordinal);
            Assert.True(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
            // Connection strings and service discovery only: no copies of the Redis password under other names.
            Assert.False(environment.ContainsKey("REDIS_PASSWORD"));
            Assert.False(environment.ContainsKey("HTTP_PORTS"));
        }
        Assert.NotEqual(ProcFs.Environment(streamApis[0].ServicePid!.Value)["ASPNETCORE_URLS"], ProcFs.Environment(streamApis[1].ServicePid!.Value)["ASPNETCORE_URLS"]);

        var gateway = ProcFs.Environment(processes.Single(p => p.ResourceName == "gateway").ServicePid!.Value);
        Assert.Equal(app.GetEndpoint("streamapi", "http").ToString().TrimEnd('/'), gateway["services__streamapi__http__0"].TrimEnd('/'));
        Assert.Equal(app.GetEndpoint("frontend", "http").ToString().TrimEnd('/'), gateway["services__frontend__http__0"].TrimEnd('/'));
        Assert.False(gateway.ContainsKey("ConnectionStrings__redis"));

        var ingestor = ProcFs.Environment(processes.Single(p => p.ResourceName == "ingestor").ServicePid!.Value);
        Assert.Equal(clickhouse, ingestor["ConnectionStrings__clickhouse"]);
        Assert.True(Directory.Exists(ingestor["LogDirectorySource__Directories__0"]));
        Assert.True(Directory.Exists(ingestor["LogDirectorySource__Directories__1"]));
    }

    /// <summary>
    /// A dashboard that connects while the demo is still writing its first rows: it starts from a snapshot, then
    /// runs_meta and deltas bring it every demo run and series, and deltas keep coming for the live runs. A ClickHouse
    /// run written after the snapshot was taken arrives that way, as it would in a browser.
    /// </summary>
    private static async Task StreamSendsSnapshotOfTheDemoRuns_ThenDeltasAsTheDemoWrites(HttpClient gateway, CancellationToken cancellationToken)
    {
        using var response = await gateway.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(90));
        await using var events = SseParser.Create(stream).EnumerateAsync(patience.Token).GetAsyncEnumerator(patience.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("snapshot", events.Current.EventType);
        var seen = new DemoSeenOnStream();
        seen.Apply(events.Current);
        try
        {
            // The live runs must be updated after everything else has arrived: deltas keep flowing, not only history.
            while (seen.Missing().Count > 0 || !seen.UpdatedSinceComplete(LiveIconRun) || !seen.UpdatedSinceComplete(DemoSeenOnStream.IsLiveLlmRun))
            {
                Assert.True(await events.MoveNextAsync());
                seen.Apply(events.Current);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"After 90 s the stream still lacked: {string.Join(", ", seen.Missing())}; live runs updated since: {string.Join(", ", seen.UpdatedRuns)}");
        }
    }

    /// <summary>
    /// `/runs` is the catalog the ingestor stores with its snapshots, so it can be a snapshot behind the stream: asked
    /// again until it lists every demo run.
    /// </summary>
    private static async Task RunsListActiveAndInactiveDemoRuns(HttpClient gateway, CancellationToken cancellationToken)
    {
        Dictionary<string, bool> listed = [];
        var active = await Eventually.ReturnsAsync(
            async () =>
            {
                using var runs = JsonDocument.Parse(await gateway.GetStringAsync("/runs", cancellationToken));
                listed = runs.RootElement.GetProperty("runs").EnumerateArray()
                    .ToDictionary(r => r.GetProperty("run_id").GetString()!, r => r.GetProperty("is_active").GetBoolean());
                return listed.Count(r => r.Key.StartsWith("demo-", StringComparison.Ordinal)) == 3 && listed.ContainsKey(LiveIconRun)
                    && listed.ContainsKey(FinishedIconRun) ? listed : null;
            },
            "/runs to list every demo run", state: () => string.Join(", ", listed.Keys));

        Assert.True(active[LiveIconRun]);
        Assert.False(active[FinishedIconRun]);
        Assert.True(active.Single(r => r.Key.StartsWith("demo-llm-7b-", StringComparison.Ordinal) && !r.Key.Contains("baseline", StringComparison.Ordinal)).Value);
        Assert.False(active.Single(r => r.Key.StartsWith("demo-llm-7b-baseline-", StringComparison.Ordinal)).Value);
        // No run of its own for the experiment directory: it carries the simulation's start.
        Assert.Equal([FinishedIconRun, LiveIconRun], active.Keys.Where(r => r.StartsWith("icon-", StringComparison.Ordinal)).Order());
    }

    private static async Task LossAnalyticsAnswersForTheLiveLogDirectoryRun(HttpClient gateway, CancellationToken cancellationToken)
    {
        var run = Uri.EscapeDataString(LiveIconRun);

        using var status = JsonDocument.Parse(await gateway.GetStringAsync($"/api/status?run={run}", cancellationToken));
        Assert.Equal(LiveIconRun, status.RootElement.GetProperty("run_id").GetString());
        Assert.True(status.RootElement.GetProperty("is_active").GetBoolean());
        Assert.True(status.RootElement.GetProperty("timesteps").GetInt32() >= 1);

        using var statistics = JsonDocument.Parse(await gateway.GetStringAsync($"/api/loss/statistics?run={run}", cancellationToken));
        Assert.True(statistics.RootElement.GetProperty("count").GetInt64() >= 20);
        Assert.True(statistics.RootElement.GetProperty("mean").GetDouble() > 0);

        using var learningRate = JsonDocument.Parse(
            await gateway.GetStringAsync($"/api/tensorboard/scalars?run={run}&tag=Learning_rate", cancellationToken));
        Assert.NotEqual(0, learningRate.RootElement.GetProperty("values").GetArrayLength());

        // The Checkpoints tab's table: each rewrite of net_<start>.pth is a checkpoint of the run.
        using var checkpoints = JsonDocument.Parse(await gateway.GetStringAsync($"/checkpoints/{run}", cancellationToken));
        Assert.Contains(checkpoints.RootElement.GetProperty("checkpoints").EnumerateArray(),
            c => c.GetProperty("metric").GetString() == "checkpoint_save");

        using var unknown = await gateway.GetAsync("/api/status?run=no-such-run", cancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
