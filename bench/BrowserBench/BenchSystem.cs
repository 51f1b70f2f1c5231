using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport.ClickHouse;
using TestSupport.Processes;
using TestSupport.Redis;

namespace BrowserBench;

/// <summary>
/// The real system on loopback (clickhouse-server, redis-server, Ingestor, StreamApi, Frontend, Gateway) with the
/// synthetic runs in ClickHouse before the ingestor starts, so they arrive as its backfill.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private ClickHouseServerProcess? _clickHouse;
    private RedisServerProcess? _redis;

    public ClickHouseTestDatabase Database { get; private set; } = null!;

    public DashboardServices Services { get; private set; } = null!;

    public static async Task<BenchSystem> StartAsync(SyntheticRuns runs, TimeSpan pollInterval)
    {
        var system = new BenchSystem();
        try
        {
            system._clickHouse = await ClickHouseServerProcess.StartNewAsync();
            system._redis = await RedisServerProcess.StartNewAsync();
            system.Database = await system._clickHouse.CreateDatabaseAsync();
            var started = Stopwatch.GetTimestamp();
            await system.Database.InsertSelectAsync(runs.HistorySelect(DateTimeOffset.UtcNow));
            await system.Database.OptimizeAsync();
            Console.WriteLine($"history: {await system.Database.CountAsync():N0} rows in ClickHouse ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");

            started = Stopwatch.GetTimestamp();
            system.Services = await DashboardServices.StartAsync(system._redis.ConnectionString, system.Database.ConnectionString, [],
                new Dictionary<string, string?> { ["ClickHouseSource__PollInterval"] = pollInterval.ToString("c") });
            await system.WaitForBackfillAsync(runs);
            Console.WriteLine($"backfill: every run listed with {runs.Metrics} series at step {runs.Points - 1} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private async Task WaitForBackfillAsync(SyntheticRuns runs)
    {
        using var http = new HttpClient { BaseAddress = Services.GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            using var answer = await http.GetFromJsonAsync<JsonDocument>("/runs");
            var complete = answer!.RootElement.GetProperty("runs").EnumerateArray().Count(r =>
                r.GetProperty("series_count").GetInt32() == runs.Metrics && r.GetProperty("latest_step").GetInt64() == runs.Points - 1);
            if (complete == runs.Runs)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The backfill did not finish:{Environment.NewLine}{Services.Diagnostics}");
    }
}
