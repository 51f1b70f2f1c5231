using System.Diagnostics;
using TestSupport.ClickHouse;

namespace ClickHouseBench;

/// <summary>Start-up backfill of a table of many rows: rows per second from ClickHouse into the sink.</summary>
internal static class BackfillScenario
{
    public static async Task RunAsync(ClickHouseServerProcess server, long rows)
    {
        await using var database = await server.CreateDatabaseAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds();
        // 20 runs x 16 series (4 metrics x 4 hosts), one row per series and step, a step every 2 seconds.
        await database.InsertSelectAsync(
            $"SELECT toDateTime({start} + intDiv(number, 320) * 2), concat('run-', toString(number % 20)), concat('node-', toString(intDiv(number, 20) % 4)), " +
            "0, 65535, intDiv(number, 320), concat('metric_', toString(intDiv(number, 80) % 4)), sin(number) " +
            $"FROM system.numbers LIMIT {rows}");
        await database.OptimizeAsync();
        Console.WriteLine($"backfill: table holds {await database.CountAsync():N0} rows");

        await using var host = new SourceHost(database.ConnectionString);
        var started = Stopwatch.GetTimestamp();
        await host.StartAsync();
        await host.WaitUntilPollingAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"backfill: {host.Sink.Samples:N0} rows into the sink in {elapsed.TotalSeconds:F2} s = {host.Sink.Samples / elapsed.TotalSeconds:N0} rows/s " +
                          $"(working set {Environment.WorkingSet / 1e6:F0} MB)");
    }
}
