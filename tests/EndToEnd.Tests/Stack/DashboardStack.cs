using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;
using TestSupport.ClickHouse;
using TestSupport.Processes;
using TestSupport.Redis;

namespace EndToEnd.Tests.Stack;

/// <summary>
/// The whole dashboard for the test assembly, each part a real process on its own loopback port, wired as AppHost
/// wires it: clickhouse-server and redis-server; the Ingestor reading the ClickHouse table and an ICON/ComIn log
/// directory; StreamApi; the Frontend host; the Gateway in front of both, finding them through
/// <c>services__streamapi__http__0</c> and <c>services__frontend__http__0</c>. Started once (seeded with
/// <see cref="SeedRuns"/> and the log-directory fixtures) and stopped at the end; tests add runs of their own.
/// </summary>
public sealed class DashboardStack : IAsyncLifetime
{
    private static readonly TimeSpan DataTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _temp = new("e2e");
    private ClickHouseServerProcess? _clickHouse;
    private ClickHouseTestDatabase? _database;
    private RedisServerProcess? _redis;
    private DashboardServices? _services;

    public Uri GatewayAddress => _services!.GatewayAddress;

    /// <summary>The plugin output directory the ingestor reads (the ICON log files and a TensorBoard event file).</summary>
    public LogDirectoryRun LogDirectory { get; private set; } = null!;

    /// <summary>The recent output of every service, for assertion messages.</summary>
    public string Diagnostics => _services?.Diagnostics ?? "";

    public async ValueTask InitializeAsync()
    {
        try
        {
            var clickHouse = ClickHouseServerProcess.StartNewAsync();
            var redis = RedisServerProcess.StartNewAsync();
            try
            {
                await Task.WhenAll(clickHouse, redis);
            }
            finally
            {
                _clickHouse = clickHouse.IsCompletedSuccessfully ? clickHouse.Result : null;
                _redis = redis.IsCompletedSuccessfully ? redis.Result : null;
            }
            _database = await _clickHouse!.CreateDatabaseAsync();
            await _database.InsertAsync(SeedRuns.Rows(DateTimeOffset.UtcNow));
            // A name with characters URLs and query lists treat specially: its run id keeps them (docs/logdir.md).
            LogDirectory = LogDirectoryRun.Create(_temp.Combine("icon-output #1,50%ü"));

            // Runs' config and units arrive with the run metadata, read this often instead of every 30 s.
            _services = await DashboardServices.StartAsync(_redis!.ConnectionString, _database.ConnectionString, [LogDirectory.Location],
                new Dictionary<string, string?> { ["ClickHouseSource__RunMetadataInterval"] = "00:00:01" });
            await WaitForSeedAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Rows inserted into the metric table, as a trainer inserts them.</summary>
    public Task InsertAsync(params IEnumerable<TestMetricPoint> points) => _database!.InsertAsync(points);

    /// <summary>Kills StreamApi as a crash or a rolling update would; <see cref="StartStreamApiAsync"/> brings it back on the same port.</summary>
    public Task StopStreamApiAsync() => _services!.StreamApi.StopAsync();

    public async Task StartStreamApiAsync()
    {
        if (_services!.StreamApi.HasExited)
        {
            await _services.StreamApi.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is { } services)
        {
            _services = null;
            await services.DisposeAsync();
        }
        if (_database is { } database)
        {
            _database = null;
            await database.DisposeAsync();
        }
        if (_clickHouse is { } clickHouse)
        {
            _clickHouse = null;
            await clickHouse.DisposeAsync();
        }
        if (_redis is { } redis)
        {
            _redis = null;
            await redis.DisposeAsync();
        }
        _temp.Dispose();
    }

    /// <summary>Every seeded run and the log-directory run listed with their series, through the gateway.</summary>
    private async Task WaitForSeedAsync()
    {
        using var http = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(10) };
        var wanted = SeedRuns.AllRunIds.Append(LogDirectory.RunId).ToHashSet();
        var last = "";
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                using var runs = await http.GetFromJsonAsync<JsonDocument>("/runs");
                var listed = runs!.RootElement.GetProperty("runs").EnumerateArray()
                    .Where(r => r.GetProperty("series_count").GetInt32() > 0)
                    .Select(r => r.GetProperty("run_id").GetString()!)
                    .ToHashSet();
                last = string.Join(", ", listed);
                return wanted.IsSubsetOf(listed);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = exception.Message;
                return false;
            }
        }, "every seeded run listed with its series", DataTimeout, () => $"{last}{Environment.NewLine}{Diagnostics}");
    }
}
