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
    internal const string LiveIconRun = "icon-live@2022-01-01T06:00:00";
    internal const string FinishedIconRun = "icon-finished@2021-12-01T00:00:00";

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
