using System.Diagnostics;
using Contracts.Wire;
using TestSupport.ClickHouse;
using TestSupport.Processes;
using TestSupport.Redis;
using TestSupport.Sse;

namespace Bench.Streaming;

/// <summary>
/// Ingest-to-browser latency of the live path: a row INSERTed into a real clickhouse-server, polled by the real
/// Ingestor process at its default interval, published to a real redis-server, relayed by a real StreamApi
/// process, parsed by an SSE client. Prints p50 and p99 from the INSERT's return to the event's arrival.
/// </summary>
internal static class InsertToBrowserScenario
{
    public static async Task RunAsync(int samples, TimeSpan spacing)
    {
        await using var clickHouse = await ClickHouseServerProcess.StartNewAsync();
        await using var database = await clickHouse.CreateDatabaseAsync();
        await using var redis = await RedisServerProcess.StartNewAsync();
        var quiet = ServiceSettings.Deployed(redis.ConnectionString);
        quiet["ConnectionStrings__clickhouse"] = database.ConnectionString;
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", quiet, readyPath: "/alive");
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", quiet, readyPath: "/alive");

        var start = DateTimeOffset.UtcNow;
        await database.InsertAsync(new TestMetricPoint("latency-run", "loss_t1", 0, 1.0, start));
        await using var client = await SseClient.ConnectAsync(new Uri(streamApi.BaseAddress, "/stream"));
        var state = new StreamState();
        while (state.Get("latency-run", "loss_t1") is null)
        {
            state.Apply(await client.NextAsync(TimeSpan.FromSeconds(60)));
        }

        var latencies = new LagRecorder();
        for (var step = 1; step <= samples; step++)
        {
            await database.InsertAsync(new TestMetricPoint("latency-run", "loss_t1", step, 1.0 / (step + 1), DateTimeOffset.UtcNow));
            var inserted = Stopwatch.GetTimestamp();
            while (state.Get("latency-run", "loss_t1")?.ContainsKey(step) != true)
            {
                var next = await client.NextAsync(TimeSpan.FromSeconds(30));
                state.Apply(next);
            }
            latencies.Record(Stopwatch.GetElapsedTime(inserted).TotalMilliseconds);
            // Spread inserts over the poll cycle, so the measurement samples every phase of it.
            await Task.Delay(spacing + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)));
        }

        var summary = latencies.Summarize();
        Console.WriteLine($"insert-to-browser: {summary.Count} rows, one at a time, Ingestor at its default 1 s poll");
        Console.WriteLine($"  latency from INSERT returning to the SSE {StreamEventType.Delta} arriving: p50 {summary.P50:F0} ms, p99 {summary.P99:F0} ms, max {summary.Max:F0} ms");
    }
}
