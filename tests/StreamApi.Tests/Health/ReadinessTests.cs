using System.Globalization;
using System.Net;
using System.Text.Json;
using StreamApi.Tests.Support;
using TestSupport;
using TestSupport.ClickHouse;
using TestSupport.Processes;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.Health;

/// <summary>
/// StreamApi's readiness (`/health`, the Kubernetes readiness probe) follows what it can serve: nothing without Redis,
/// everything but ClickHouse history without ClickHouse.
/// </summary>
public sealed class ReadinessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_IsReadyAndReportsClickHouseDegraded_WhenTheOptionalClickHouseIsUnreachable()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["ConnectionStrings__clickhouse"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=training_observability",
        }, readyPath: "/alive");
        using var http = new HttpClient { BaseAddress = streamApi.BaseAddress };

        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var stream = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", report.RootElement.GetProperty("checks").GetProperty("clickhouse").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
    }

    [Fact]
    public async Task Health_IsNotReady_WhenRedisIsDown()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi",
            new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString });
        using var http = new HttpClient { BaseAddress = streamApi.BaseAddress };

        await redis.StopAsync();
        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        using var alive = await http.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    /// <summary>
    /// ClickHouse dies under a running dashboard: StreamApi stays ready and says ClickHouse is Degraded, the ingestor
    /// keeps running, the log-directory run keeps flowing to a connected client, and history of the ClickHouse run
    /// answers 503 saying what kind of failure it is, with nothing of ClickHouse's own (its address, its messages).
    /// </summary>
    [Fact]
    public async Task ClickHouseKilled_StreamApiStaysReady_TheStreamKeepsFlowing_AndHistoryAnswers503WithoutClickHouseText()
    {
        await using var clickHouse = await ClickHouseServerProcess.StartNewAsync();
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(Enumerable.Range(0, 5).Select(step => new TestMetricPoint("ch-run", "loss_t1", step, 1.0 / (step + 1), DateTimeOffset.UtcNow.AddSeconds(step - 30))));
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer,
            directory => WriteTimestep(directory, "2022-01-01 06:00:00", [1.0, 0.9]), database.ConnectionString);
        const string logRun = "icon-output@2022-01-01T06:00:00";
        await stack.WaitForAsync("/runs", runs => RunIds(runs).IsSupersetOf(["ch-run", logRun]));
        Assert.Equal(HttpStatusCode.OK, (await stack.Http.GetAsync("/metrics/ch-run?metric=loss_t1", Ct)).StatusCode);
        await using var client = await EventSourceClient.ConnectAsync(new Uri(stack.Http.BaseAddress!, "/stream"));
        var state = new StreamState();
        await client.ApplyUntilAsync(state, s => s.Get(logRun, "Loss/batch")?.Count == 2, Patience);

        await clickHouse.StopAsync();
        WriteTimestep(stack.Directory, "2022-01-01 06:30:00", [0.8, 0.7]);

        await client.ApplyUntilAsync(state, s => s.Get(logRun, "Loss/batch")?.Count == 4, Patience);
        Assert.Equal([1.0, 0.9, 0.8, 0.7], state.Get(logRun, "Loss/batch")!.Values);
        var streamApiHealth = await WaitForClickHouseCheckAsync(stack.Http, "Degraded");
        Assert.Equal(HttpStatusCode.OK, streamApiHealth.Status);
        Assert.Equal("Degraded", streamApiHealth.Report.GetProperty("status").GetString());
        using var ingestorHttp = new HttpClient { BaseAddress = stack.Ingestor.BaseAddress };
        var ingestorHealth = await WaitForClickHouseCheckAsync(ingestorHttp, "Degraded");
        Assert.Equal(HttpStatusCode.OK, ingestorHealth.Status);
        Assert.False(stack.Ingestor.HasExited);
        using var history = await stack.Http.GetAsync("/metrics/ch-run?metric=loss_t1", Ct);
        var historyBody = await history.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, history.StatusCode);
        Assert.Contains("ClickHouse is unreachable", historyBody, StringComparison.Ordinal);
        foreach (var answer in (string[])[historyBody, streamApiHealth.Report.GetRawText()])
        {
            foreach (var clickHousesOwn in (string[])["127.0.0.1", clickHouse.HttpPort.ToString(CultureInfo.InvariantCulture), "refused", "Exception", database.Name])
            {
                Assert.DoesNotContain(clickHousesOwn, answer, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private static HashSet<string> RunIds(JsonElement runs) =>
        [.. runs.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("run_id").GetString()!)];

    /// <summary>Polls /health until its clickhouse check reports <paramref name="status"/>.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Report)> WaitForClickHouseCheckAsync(HttpClient http, string status)
    {
        var last = "";
        return await Eventually.ReturnsAsync<(HttpStatusCode, JsonElement)>(async () =>
        {
            using var response = await http.GetAsync("/health", Ct);
            last = await response.Content.ReadAsStringAsync(Ct);
            using var report = JsonDocument.Parse(last);
            return report.RootElement.GetProperty("checks").GetProperty("clickhouse").GetProperty("status").GetString() == status
                ? (response.StatusCode, report.RootElement.Clone())
                : null;
        }, $"the clickhouse check to report {status}", Patience, () => last);
    }

    /// <summary>Writes a timestep's loss log as the plugin does at its end: whole, under its final name at once.</summary>
    private static void WriteTimestep(string directory, string timestamp, double[] losses)
    {
        var partial = Path.Combine(directory, "partial.tmp");
        File.WriteAllLines(partial, losses.Select(loss => loss.ToString("R", CultureInfo.InvariantCulture)));
        File.Move(partial, Path.Combine(directory, $"log_{timestamp}.txt"));
    }
}
