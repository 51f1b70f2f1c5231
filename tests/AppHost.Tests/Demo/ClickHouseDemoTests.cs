using AppHost.ClickHouse;
using AppHost.Hosting;
using AppHost.Testing;
using AppHost.Tests.Support;

namespace AppHost.Tests.Demo;

/// <summary>A real clickhouse-server started by AppHost (LocalServer mode) and the demo generator writing to it.</summary>
public sealed class ClickHouseDemoTests
{
    [Fact]
    public async Task LocalClickHouse_GetsTheSchema_AndDemoRunsArrive()
    {
        using var timeout = Timeouts.Start();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<ClickHouseAndDemo>([], new Dictionary<string, string?>
        {
            ["AppHost:ClickHouse"] = "LocalServer",
            ["AppHost:Demo:StepInterval"] = "00:00:00.200",
            ["AppHost:Demo:FinishedRunSteps"] = "50",
            ["AppHost:Demo:LiveRunHistorySteps"] = "10",
        }, output: null, timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("demo", timeout.Token);
        using var http = new HttpClient();
        var client = new ClickHouseHttpClient(http, app.GetConnectionString("clickhouse")!);

        var runs = await client.QueryAsync(
            $"SELECT run_id, count(), max(step) FROM {client.Database}.{ClickHouseSchema.Table} GROUP BY run_id ORDER BY run_id FORMAT TabSeparated",
            timeout.Token);
        var first = Rows(runs);
        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        var later = Rows(await client.QueryAsync(
            $"SELECT run_id, count(), max(step) FROM {client.Database}.{ClickHouseSchema.Table} GROUP BY run_id ORDER BY run_id FORMAT TabSeparated",
            timeout.Token));

        Assert.Equal(3, first.Count);
        Assert.Contains(first, r => r.RunId.StartsWith("demo-llm-7b-baseline-", StringComparison.Ordinal) && r.MaxStep == 49);
        var live = later.Single(r => r.RunId.StartsWith("demo-moe-1b-", StringComparison.Ordinal));
        Assert.True(live.MaxStep > first.Single(r => r.RunId == live.RunId).MaxStep, "the live run did not advance");
        var nan = await client.QueryAsync(
            $"SELECT count() FROM {client.Database}.{ClickHouseSchema.Table} WHERE metric = 'loss_t1' AND isNaN(value) FORMAT TabSeparated", timeout.Token);
        Assert.Equal("1", nan.Trim());
    }

    private static List<(string RunId, long Count, long MaxStep)> Rows(string tsv) =>
        [.. tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))
            .Select(f => (f[0], long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>Only what this test needs of the graph: ClickHouse and the demo that writes to it.</summary>
    private sealed class ClickHouseAndDemo : IDistributedApplicationDefinition
    {
        public static void DefineResources(DistributedApplicationBuilder builder)
        {
            var clickhouse = builder.AddClickHouse("clickhouse");
            builder.AddDemoGenerator("demo", clickhouse);
        }
    }
}
