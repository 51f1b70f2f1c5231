using System.Globalization;
using System.Net;
using System.Text.Json;
using StreamApi.Tests.History;
using StreamApi.Tests.Support;
using TestSupport.ClickHouse;
using TestSupport.Redis;

namespace StreamApi.Tests.Endpoints;

/// <summary><c>/metrics/{run_id}</c> and <c>/checkpoints/{run_id}</c> over real services, for both kinds of run.</summary>
[Collection(nameof(HistoryCollection))]
public sealed class HistoryEndpointsTests(ClickHouseServerFixture clickHouse)
{
    private const string UtcMilliseconds = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$";

    private const string IconRun = "icon-output@2022-01-01T06:00:00";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddHours(-1);

    [Fact]
    public async Task Metrics_DecimatesClickHouseHistory_AndReturnsExactPointsForANarrowRange()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(Enumerable.Range(0, 5000).Select(step =>
            new TestMetricPoint("ch-run", "loss_t1", step, step == 100 ? double.NaN : 10.0 / (step + 1) + (step == 2500 ? 50 : 0), Start.AddSeconds(step * 0.5))));
        await database.InsertAsync(Enumerable.Range(0, 50).SelectMany(step => new[]
        {
            new TestMetricPoint("ch-run", "sys.gpu.0.util_percent", step, 90, Start.AddSeconds(step), Host: "node-1", Device: 0),
            new TestMetricPoint("ch-run", "sys.gpu.0.util_percent", step, 60, Start.AddSeconds(step), Host: "node-2", Device: 0),
        }));
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, _ => { }, database.ConnectionString);
        await stack.WaitForAsync("/runs", runs => runs.GetProperty("runs").EnumerateArray().Any(run => run.GetProperty("run_id").GetString() == "ch-run"));

        var decimated = await stack.GetJsonAsync("/metrics/ch-run?metric=loss_t1&max_points=100");
        var narrow = await stack.GetJsonAsync("/metrics/ch-run?metric=loss_t1&from_step=1000&to_step=1009");
        var hosts = await stack.GetJsonAsync("/metrics/ch-run?metric=sys.gpu.0.util_percent");

        Assert.Equal(5000, decimated.GetProperty("raw_points").GetInt64());
        var series = Assert.Single(decimated.GetProperty("series").EnumerateArray());
        var steps = Longs(series, "steps");
        Assert.InRange(steps.Length, 2, 100);
        Assert.Equal(0, steps[0]);
        Assert.Equal(4999, steps[^1]);
        Assert.Contains(series.GetProperty("maxs").EnumerateArray(), max => max.ValueKind == JsonValueKind.Number && max.GetDouble() > 50);
        Assert.Equal(1, series.GetProperty("non_finite").EnumerateArray().Sum(count => count.GetInt32()));

        var exact = Assert.Single(narrow.GetProperty("series").EnumerateArray());
        Assert.Equal(Enumerable.Range(1000, 10).Select(step => (long)step), Longs(exact, "steps"));
        Assert.Equal(Enumerable.Range(1000, 10).Select(step => 10.0 / (step + 1)), exact.GetProperty("values").EnumerateArray().Select(value => value.GetDouble()));

        Assert.Equal(
            ["sys.gpu.0.util_percent{host=node-1,device=0}", "sys.gpu.0.util_percent{host=node-2,device=0}"],
            hosts.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("series_id").GetString()));
    }

    [Fact]
    public async Task Checkpoints_ListsCheckpointRowsOfAClickHouseRun_InStepOrder()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("ckpt-run", "loss_t1", 0, 1, Start),
            new TestMetricPoint("ckpt-run", "checkpoint_save", 2000, 1, Start.AddMinutes(2)),
            new TestMetricPoint("ckpt-run", "checkpoint_save", 1000, 1, Start.AddMinutes(1)),
            new TestMetricPoint("ckpt-run", "checkpoint_load", 1500, 1, Start.AddMinutes(3)));
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, _ => { }, database.ConnectionString);
        var runs = await stack.WaitForAsync("/runs", runs => runs.GetProperty("runs").EnumerateArray().Any(run => run.GetProperty("run_id").GetString() == "ckpt-run"));

        var checkpoints = await stack.GetJsonAsync("/checkpoints/ckpt-run");

        Assert.Equal(
            [("checkpoint_save", 1000L), ("checkpoint_load", 1500L), ("checkpoint_save", 2000L)],
            checkpoints.GetProperty("checkpoints").EnumerateArray().Select(c => (c.GetProperty("metric").GetString()!, c.GetProperty("step").GetInt64())));
        Assert.Equal(Start.AddMinutes(1), checkpoints.GetProperty("checkpoints")[0].GetProperty("time").GetDateTimeOffset());
        // Every time on the wire is spelled one way: UTC with milliseconds and a Z (docs/protocol.md).
        var run = runs.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("run_id").GetString() == "ckpt-run");
        Assert.Matches(UtcMilliseconds, run.GetProperty("start_time").GetString());
        Assert.Matches(UtcMilliseconds, run.GetProperty("last_event_time").GetString());
        Assert.Matches(UtcMilliseconds, checkpoints.GetProperty("checkpoints")[0].GetProperty("time").GetString());
    }

    [Fact]
    public async Task Metrics_And_Checkpoints_ReadLogDirectoryRunsFromTheFullResolutionCopy()
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, directory =>
        {
            ServiceStack.CopyDirectory(ServiceStack.TestData("icon"), directory);
            File.WriteAllBytes(Path.Combine(directory, "net_2022-01-01 06:00:00.pth"), [1, 2, 3]);
        });
        var path = "/metrics/" + Uri.EscapeDataString(IconRun) + "?metric=" + Uri.EscapeDataString("Loss/batch");
        var expected = Directory.GetFiles(ServiceStack.TestData("icon"), "log_*.txt").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => double.Parse(line, CultureInfo.InvariantCulture))
            .ToArray();

        var history = await stack.WaitForAsync(path, json => json.GetProperty("raw_points").GetInt64() == expected.Length);
        var checkpoints = await stack.WaitForAsync("/checkpoints/" + Uri.EscapeDataString(IconRun), json => json.GetProperty("checkpoints").GetArrayLength() > 0);

        var series = Assert.Single(history.GetProperty("series").EnumerateArray());
        Assert.Equal(expected, series.GetProperty("values").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal("checkpoint_save", checkpoints.GetProperty("checkpoints")[0].GetProperty("metric").GetString());
    }

    [Theory]
    [InlineData("/metrics/r", "metric")]
    [InlineData("/metrics/r?metric=loss&max_points=1", "max_points")]
    [InlineData("/metrics/r?metric=loss&max_points=20001", "max_points")]
    [InlineData("/metrics/r?metric=loss&max_points=lots", "max_points")]
    [InlineData("/metrics/r?metric=loss&from_step=-1", "from_step")]
    [InlineData("/metrics/r?metric=loss&from_step=9&to_step=3", "from_step")]
    [InlineData("/metrics/r?metric=loss&from_time=2026-11-25T10:00:00", "from_time")]
    [InlineData("/metrics/r?metric=loss&from_time=2026-11-25T10:00:00Z&to_time=2026-11-25T09:00:00Z", "from_time")]
    [InlineData("/metrics/r?metric=loss%00%27%3B%20DROP%20TABLE", "metric")]
    [InlineData("/metrics/r%0Ax?metric=loss", "run_id")]
    [InlineData("/checkpoints/r%0Ax", "run_id")]
    [InlineData("/metrics/?metric=loss", "run_id")]
    [InlineData("/checkpoints/", "run_id")]
    public async Task History_Returns400NamingTheParameter_WhenAParameterIsBad(string path, string parameter)
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, _ => { });

        using var response = await stack.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("/metrics/no-such-run?metric=loss")]
    [InlineData("/checkpoints/no-such-run")]
    [InlineData("/metrics/" + "icon-output%402022-01-01T06%3A00%3A00" + "?metric=no_such_metric")]
    public async Task History_Returns404ProblemDetails_ForAnUnknownRunOrMetric(string path)
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, directory => ServiceStack.CopyDirectory(ServiceStack.TestData("icon"), directory));
        await stack.WaitForAsync("/runs", runs => runs.GetProperty("runs").GetArrayLength() > 0);

        using var response = await stack.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static long[] Longs(JsonElement series, string name) => [.. series.GetProperty(name).EnumerateArray().Select(value => value.GetInt64())];
}
