using Contracts.Wire;
using StreamApi.Tests.History;
using StreamApi.Tests.Streaming;
using StreamApi.Tests.Support;
using TestSupport.ClickHouse;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.Endpoints;

/// <summary>The whole live path: rows inserted into ClickHouse, the real Ingestor, Redis, the real StreamApi, an SSE client.</summary>
[Collection(nameof(HistoryCollection))]
public sealed class ClickHouseToStreamTests(ClickHouseServerFixture clickHouse)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task InsertedRows_ReachConnectedClientsAsDeltas_AndLateClientsInTheirSnapshot()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(Enumerable.Range(0, 10).Select(step => new TestMetricPoint("live-run", "loss_t1", step, 1.0 / (step + 1), start.AddSeconds(step - 60))));
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, _ => { }, database.ConnectionString);
        await stack.WaitForAsync("/runs", runs => runs.GetProperty("runs").EnumerateArray().Any(run => run.GetProperty("run_id").GetString() == "live-run"));
        await using var early = await SseClient.ConnectAsync(new Uri(stack.Http.BaseAddress!, "/stream"), cancellationToken: TestContext.Current.CancellationToken);
        var state = new StreamState();
        await early.ApplyUntilAsync(state, s => s.Get("live-run", "loss_t1")?.Count == 10, Patience);

        await database.InsertAsync(
            new TestMetricPoint("live-run", "loss_t1", 10, 0.05, DateTimeOffset.UtcNow),
            new TestMetricPoint("live-run", "loss_t1", 11, double.PositiveInfinity, DateTimeOffset.UtcNow));

        var deltas = await early.ApplyUntilAsync(state, s => s.Get("live-run", "loss_t1")?.Count == 12, Patience);
        Assert.Contains(deltas, e => e.Event == StreamEventType.Delta);
        Assert.Equal(0.05, state.Get("live-run", "loss_t1")![10]);
        Assert.Equal(double.PositiveInfinity, state.Get("live-run", "loss_t1")![11]);

        await StoredSnapshot.WaitUntilItCoversTheNewestDeltaAsync(stack.Redis, Patience);
        await using var late = await SseClient.ConnectAsync(new Uri(stack.Http.BaseAddress!, "/stream"), cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = await late.NextAsync(Patience);
        var lateState = new StreamState();
        lateState.Apply(snapshot);
        Assert.Equal(StreamEventType.Snapshot, snapshot.Event);
        await late.ApplyUntilAsync(lateState, s => s.Get("live-run", "loss_t1")?.Count == 12, Patience);
        Assert.Equal(state.Get("live-run", "loss_t1")!.Values, lateState.Get("live-run", "loss_t1")!.Values);
    }
}
