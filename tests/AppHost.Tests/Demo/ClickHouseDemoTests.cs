using System.Globalization;
using AppHost.Tests.Support;
using Aspire.Hosting.Testing;
using ClickHouse.Http;
using TestSupport;

namespace AppHost.Tests.Demo;

/// <summary>A real clickhouse-server started by AppHost (LocalServer) with its schema, and the demo generator writing to it.</summary>
public sealed class ClickHouseDemoTests : IDisposable
{
    private readonly TempDirectory _data = new("apphost-clickhouse");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task LocalClickHouse_GetsTheSchema_AndDemoRunsArriveAndAdvance()
    {
        using var timeout = Timeouts.Start();
        var builder = await AspireApp.CreateAsync(_data.Path,
            ["--AppHost:ClickHouse=LocalServer", "--AppHost:Demo:StepInterval=00:00:00.200", "--AppHost:Demo:FinishedRunSteps=50",
                "--AppHost:Demo:LiveRunHistorySteps=10"],
            ["clickhouse-server", "clickhouse", "demo"], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("demo", timeout.Token);
        using var client = new ClickHouseHttpClient(ClickHouseSettings.Parse((await app.GetConnectionStringAsync("clickhouse", timeout.Token))!));

        var first = await RunsAsync(client, timeout.Token);
        static long LiveRunStep(List<(string RunId, long MaxStep)> runs) => runs.Single(r => r.RunId.StartsWith("demo-moe-1b-", StringComparison.Ordinal)).MaxStep;
        var step = LiveRunStep(first);
        await Eventually.HoldsAsync(async () => (step = LiveRunStep(await RunsAsync(client, timeout.Token))) != LiveRunStep(first),
            "the live demo run to advance", state: () => $"still at step {step}");

        Assert.Equal(3, first.Count);
        Assert.Contains(first, r => r.RunId.StartsWith("demo-llm-7b-baseline-", StringComparison.Ordinal) && r.MaxStep == 49);
        var nan = await client.QueryScalarAsync(
            "SELECT count() FROM training_observability.metric_points WHERE metric = 'loss_t1' AND isNaN(value) FORMAT TabSeparated", timeout.Token);
        Assert.Equal("1", nan);
    }

    private static async Task<List<(string RunId, long MaxStep)>> RunsAsync(ClickHouseHttpClient client, CancellationToken cancellationToken)
    {
        List<(string, long)> runs = [];
        await using var response = await client.QueryAsync(
            "SELECT run_id, max(step) FROM training_observability.metric_points GROUP BY run_id ORDER BY run_id FORMAT TabSeparated",
            cancellationToken: cancellationToken);
        do
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = System.Text.Encoding.UTF8.GetString(line).Split('\t');
                runs.Add((fields[0], long.Parse(fields[1], CultureInfo.InvariantCulture)));
            }
        }
        while (await response.Rows.ReadMoreAsync(cancellationToken));
        return runs;
    }
}
