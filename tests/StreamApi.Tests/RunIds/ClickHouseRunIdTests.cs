using System.Text.Json;
using StreamApi.Tests.History;
using StreamApi.Tests.Support;
using TestSupport.ClickHouse;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.RunIds;

/// <summary>
/// ClickHouse runs whose ids hold <c>/</c>, <c>%</c>, <c>,</c>, <c>?</c>, <c>#</c>, spaces and any letter, through the
/// real Ingestor, Redis and StreamApi: the run list, <c>/metrics/{run_id}</c>, <c>/checkpoints/{run_id}</c> and the
/// stream's run filter each answer for exactly that run.
/// </summary>
[Collection(nameof(HistoryCollection))]
public sealed class ClickHouseRunIdTests(ClickHouseServerFixture clickHouse)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddHours(-1);

    /// <summary>Runs "a" and "b" tell the list "runs=a,b" from the one run "a,b".</summary>
    private static readonly string[] RunIds = [.. UnusualRunIds.All, "a", "b"];

    [Fact]
    public async Task EveryRoute_AnswersForExactlyTheRunNamed()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(RunIds.SelectMany((runId, i) => Enumerable.Range(0, 5)
            .Select(step => new TestMetricPoint(runId, "loss_t1", step, Value(i, step), Start.AddSeconds(step)))
            .Append(new TestMetricPoint(runId, "checkpoint_save", 100 + i, 1, Start.AddMinutes(1)))));
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, _ => { }, database.ConnectionString);

        var runs = await stack.WaitForAsync("/runs", json => RunIdsOf(json.GetProperty("runs")).Count == RunIds.Length);
        Assert.Equal(RunIds.Order(StringComparer.Ordinal), RunIdsOf(runs.GetProperty("runs")).Order(StringComparer.Ordinal));

        for (var i = 0; i < RunIds.Length; i++)
        {
            var encoded = UnusualRunIds.Encode(RunIds[i]);
            var metrics = await stack.GetJsonAsync($"/metrics/{encoded}?metric=loss_t1");
            var checkpoints = await stack.GetJsonAsync($"/checkpoints/{encoded}");

            Assert.Equal(RunIds[i], metrics.GetProperty("run_id").GetString());
            var series = Assert.Single(metrics.GetProperty("series").EnumerateArray());
            Assert.Equal(RunIds[i], series.GetProperty("run_id").GetString());
            Assert.Equal(Enumerable.Range(0, 5).Select(step => Value(i, step)), series.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(RunIds[i], checkpoints.GetProperty("run_id").GetString());
            Assert.Equal(100 + i, Assert.Single(checkpoints.GetProperty("checkpoints").EnumerateArray()).GetProperty("step").GetInt64());
        }

        // A client that leaves the slash unencoded reaches the same run.
        Assert.Equal("a/b", (await stack.GetJsonAsync("/checkpoints/a/b")).GetProperty("run_id").GetString());

        // Every run's series reached the stream before the filtered clients connect, so a filter that let
        // another run through would show it.
        var everything = await ConnectAsync(stack, "", state => RunIds.All(runId => state.Get(runId, "loss_t1")?.Count == 5));
        string[] wanted = ["a,b", "q?#", "a/b", "ünï 🚀"];
        var exact = await ConnectAsync(stack, "?" + string.Join('&', wanted.Select(runId => "run=" + UnusualRunIds.Encode(runId))),
            state => state.LastSeq >= everything.LastSeq);
        var listed = await ConnectAsync(stack, "?runs=a,b", state => state.LastSeq >= everything.LastSeq);

        Assert.Equal(wanted.Order(StringComparer.Ordinal), exact.Series.Keys.Select(key => key.RunId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["a", "b"], listed.Series.Keys.Select(key => key.RunId).Distinct().Order(StringComparer.Ordinal));
    }

    private static double Value(int run, int step) => run * 10 + step;

    private static List<string> RunIdsOf(JsonElement runs) => [.. runs.EnumerateArray().Select(run => run.GetProperty("run_id").GetString()!)];

    private static async Task<StreamState> ConnectAsync(ServiceStack stack, string query, Func<StreamState, bool> done)
    {
        await using var client = await SseClient.ConnectAsync(new Uri(stack.Http.BaseAddress!, "/stream" + query), cancellationToken: TestContext.Current.CancellationToken);
        var state = new StreamState();
        await client.ApplyUntilAsync(state, done, Patience);
        return state;
    }
}
