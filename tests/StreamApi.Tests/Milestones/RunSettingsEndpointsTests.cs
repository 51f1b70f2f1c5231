using System.Globalization;
using System.Net;
using System.Text.Json;
using StreamApi.Tests.History;
using StreamApi.Tests.Support;
using TestSupport.ClickHouse;
using TestSupport.Redis;

namespace StreamApi.Tests.Milestones;

/// <summary>A run's config, units and milestones from ClickHouse through the real Ingestor, Redis and StreamApi.</summary>
[Collection(nameof(HistoryCollection))]
public sealed class RunSettingsEndpointsTests(ClickHouseServerFixture clickHouse)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddHours(-1);

    [Fact]
    public async Task RunsAndMilestones_CarryTheConfigUnitsAndNamedPoints_WrittenToClickHouse()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("llm/7b", "loss_t1", 0, 2.5, Start, TagsJson: """{"model_size":"7B","learning_rate":0.0003,"seed":21}"""),
            new TestMetricPoint("llm/7b", "loss_t1", 100, 2.1, Start.AddMinutes(1), TagsJson: """{"learning_rate":0.0001}"""),
            new TestMetricPoint("llm/7b", "throughput", 100, 9100, Start.AddMinutes(1), Unit: "tokens/s"),
            new TestMetricPoint("llm/7b", "progress.milestone", 1200, 1200, Start.AddMinutes(2), TagsJson: """{"milestone":"warmup done"}"""));
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, _ => { }, database.ConnectionString);

        var runs = await stack.WaitForAsync("/runs", json => json.GetProperty("runs").EnumerateArray().Any(run => run.TryGetProperty("config", out _)));
        var run = Assert.Single(runs.GetProperty("runs").EnumerateArray());
        Assert.Equal("""{"learning_rate":0.0001,"model_size":"7B","seed":21}""", Sorted(run.GetProperty("config")));
        Assert.Equal("""{"throughput":"tokens/s"}""", run.GetProperty("units").GetRawText());

        var milestones = await stack.GetJsonAsync("/milestones/llm%2F7b");
        var time = Start.AddMinutes(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        Assert.Equal(
            $$"""{"run_id":"llm/7b","milestones":[{"metric":"progress.milestone","step":1200,"time":"{{time}}","name":"warmup done"}]}""",
            milestones.GetRawText());

        using var unknown = await stack.Http.GetAsync("/milestones/no-such-run", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var badId = await stack.Http.GetAsync("/milestones/" + new string('x', 300), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    private static string Sorted(JsonElement config) =>
        "{" + string.Join(",", config.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}")) + "}";
}
