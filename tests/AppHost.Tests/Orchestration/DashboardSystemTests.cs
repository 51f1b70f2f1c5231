using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using AppHost.Hosting;
using AppHost.Model;
using AppHost.Orchestration;
using AppHost.Testing;
using AppHost.Tests.Support;

namespace AppHost.Tests.Orchestration;

/// <summary>
/// The whole system as `dotnet run --project AppHost` starts it, with a local ClickHouse, seen the way the browser
/// sees it: through the gateway only.
/// </summary>
public sealed class DashboardSystemTests
{
    private const string LiveIconRun = "icon-live@2022-01-01T06:00:00";
    private const string FinishedIconRun = "icon-finished@2021-12-01T00:00:00";

    private static readonly string[] AllResources = ["redis", "clickhouse", "demo", "ingestor", "streamapi", "frontend", "gateway"];

    /// <summary>The demo's defaults, made smaller and faster so the test sees history and live data within seconds.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["AppHost:ClickHouse"] = "LocalServer",
        ["AppHost:Demo:TimestepInterval"] = "00:00:01",
        ["AppHost:Demo:StepInterval"] = "00:00:00.500",
        ["AppHost:Demo:BatchesPerTimestep"] = "20",
        ["AppHost:Demo:FinishedRunTimesteps"] = "12",
        ["AppHost:Demo:FinishedRunSteps"] = "300",
        ["AppHost:Demo:LiveRunHistorySteps"] = "50",
    };

    [Fact]
    public async Task Gateway_ServesTheDemoRunsLive_AndStopLeavesNoProcess()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(3));
        // ConsoleOutput writes one line at a time under its own lock.
        using var console = new StringWriter();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>([], Settings, console, timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        List<ReplicaSnapshot> replicas = [];
        var clickhouseDirectory = app.Resources.OfType<ClickHouseResource>().Single().DataDirectory!;
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var resource in AllResources)
            {
                replicas.AddRange((await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token)).Replicas);
            }
            Assert.NotEqual(AppHostOptions.DefaultGatewayPort, app.GetEndpoint("gateway").Port);
            var ingestor = ProcFs.Environment(replicas.Single(r => r.Name.StartsWith("ingestor", StringComparison.Ordinal)).ProcessId!.Value);
            Assert.Equal(app.GetConnectionString("clickhouse"), ingestor["ConnectionStrings__clickhouse"]);
            using var gateway = app.CreateHttpClient("gateway");

            await StreamSendsSnapshotOfTheDemoRuns_ThenDeltasAsTheDemoWrites(gateway, timeout.Token);
            await RunsListActiveAndInactiveDemoRuns(gateway, timeout.Token);
            await LossAnalyticsAnswersForTheLiveLogDirectoryRun(gateway, timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Equal(5, replicas.Count);
        Assert.All(replicas, r => Assert.False(ProcFs.IsAlive(r.ProcessId!.Value), $"{r.Name} (pid {r.ProcessId}) outlived AppHost"));
        Assert.All(replicas, r => Assert.Empty(ProcFs.ProcessesWithEnvironmentContaining($"service.instance.id={r.InstanceId}")));
        Assert.Empty(ProcFs.ProcessesWithCommandLineContaining($"--path={clickhouseDirectory}/"));
        // Health probes ran every second and the requests above went through the gateway; at Information each would have
        // written lines to the console, where the services' own information still belongs.
        var output = console.ToString();
        Assert.Contains($"run {LiveIconRun} starts", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Routing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Yarp.ReverseProxy.Forwarder", output, StringComparison.Ordinal);
    }

    private static async Task StreamSendsSnapshotOfTheDemoRuns_ThenDeltasAsTheDemoWrites(HttpClient gateway, CancellationToken cancellationToken)
    {
        using var response = await gateway.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var events = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("snapshot", events.Current.EventType);
        using (var snapshot = JsonDocument.Parse(events.Current.Data))
        {
            var runs = snapshot.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!).ToList();
            Assert.Contains(LiveIconRun, runs);
            Assert.Contains(FinishedIconRun, runs);
            Assert.Contains(runs, r => r.StartsWith("demo-llm-7b-baseline-", StringComparison.Ordinal));
            Assert.Contains(runs, r => r.StartsWith("demo-moe-1b-", StringComparison.Ordinal));

            var metrics = snapshot.RootElement.GetProperty("series").EnumerateArray()
                .Select(s => (Run: s.GetProperty("run_id").GetString()!, Metric: s.GetProperty("metric").GetString()!)).ToHashSet();
            // The log files, the TensorBoard event file and the checkpoint of one directory are one run.
            foreach (var metric in (string[])["Loss/batch", "Loss/mean_per_timestep", "checkpoint_save", "Learning_rate", "Timestep/current",
                "Parameters/weight/mean", "Gradients/bias/max"])
            {
                Assert.Contains((LiveIconRun, metric), metrics);
            }
            var moe = runs.Single(r => r.StartsWith("demo-moe-1b-", StringComparison.Ordinal));
            foreach (var metric in (string[])["loss_t1", "sys.gpu.0.util_percent", "moe.aux_loss", "progress.percent"])
            {
                Assert.Contains((moe, metric), metrics);
            }
        }

        HashSet<string> updated = [];
        while (!(updated.Contains(LiveIconRun) && updated.Any(r => r.StartsWith("demo-llm-7b-", StringComparison.Ordinal) && !r.Contains("baseline", StringComparison.Ordinal))))
        {
            Assert.True(await events.MoveNextAsync());
            if (events.Current.EventType == "delta")
            {
                using var delta = JsonDocument.Parse(events.Current.Data);
                updated.UnionWith(delta.RootElement.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("run_id").GetString()!));
            }
        }
    }

    private static async Task RunsListActiveAndInactiveDemoRuns(HttpClient gateway, CancellationToken cancellationToken)
    {
        using var runs = JsonDocument.Parse(await gateway.GetStringAsync("/runs", cancellationToken));
        var active = runs.RootElement.GetProperty("runs").EnumerateArray()
            .ToDictionary(r => r.GetProperty("run_id").GetString()!, r => r.GetProperty("is_active").GetBoolean());

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
