using System.Diagnostics;
using TestSupport.ClickHouse;

namespace ClickHouseBench;

/// <summary>
/// Time from an INSERT returning to its row reaching the sink, at the default 1 s poll, on a table with a few
/// million rows of history; and read_rows of the polls that found the rows, from system.query_log.
/// </summary>
internal static class PollLatencyScenario
{
    public static async Task RunAsync(ClickHouseServerProcess server)
    {
        const int Inserts = 30;
        await using var database = await server.CreateDatabaseAsync();
        var historyEnd = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        await database.InsertSelectAsync(
            $"SELECT toDateTime({historyEnd} - intDiv(2000000 - number, 100)), concat('old-', toString(number % 10)), '', 0, 65535, intDiv(number, 10), 'loss', 1 " +
            "FROM system.numbers LIMIT 2000000");
        await database.OptimizeAsync();

        await using var host = new SourceHost(database.ConnectionString);
        host.Sink.WatchedRunId = "live";
        await host.StartAsync();
        await host.WaitUntilPollingAsync();

        var latencies = new List<double>();
        for (var step = 0; step < Inserts; step++)
        {
            // Spread inserts over the poll cycle, as real writes are.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(700, 1700)));
            var now = DateTimeOffset.UtcNow;
            await database.InsertAsync(
                new TestMetricPoint("live", "loss", step, 1.0 / (step + 1), now),
                new TestMetricPoint("live", "lr", step, 1e-4, now));
            var inserted = Stopwatch.GetTimestamp();
            long? arrived;
            while ((arrived = host.Sink.ArrivalOf(step)) is null)
            {
                await Task.Delay(1);
            }
            latencies.Add(Stopwatch.GetElapsedTime(inserted, arrived.Value).TotalMilliseconds);
        }
        latencies.Sort();
        Console.WriteLine($"poll latency (INSERT returned -> sink), default 1 s poll, {Inserts} inserts over 2,000,000 rows of history: " +
                          $"p50 {latencies[Inserts / 2]:F0} ms, p95 {latencies[(int)(Inserts * 0.95)]:F0} ms, max {latencies[^1]:F0} ms");

        var rowReads = (await database.FinishedQueriesAsync("ORDER BY run_id"))
            .Where(query => query.Query.Contains("WHERE event_time >=", StringComparison.Ordinal))
            .ToList();
        var counts = await database.FinishedQueriesAsync("GROUP BY event_second");
        Console.WriteLine($"read_rows per poll ({Inserts} inserts; the other polls stopped at system.parts): {counts.Count} counted the window, {rowReads.Count} read rows");
        Console.WriteLine($"  window counts: median {Median(counts.Select(q => q.ReadRows))}, max {counts.Max(q => q.ReadRows):N0} (first: {counts[0].ReadRows:N0})");
        Console.WriteLine($"  row reads:     median {Median(rowReads.Select(q => q.ReadRows))}, max {rowReads.Max(q => q.ReadRows):N0} (first: {rowReads[0].ReadRows:N0}); rows returned median {Median(rowReads.Select(q => q.ResultRows))}");
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
