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
    private ServiceProcess? _ingestor;
    private ServiceProcess? _streamApi;
    private ServiceProcess? _frontend;
    private ServiceProcess? _gateway;

    public Uri GatewayAddress => _gateway!.BaseAddress;

    /// <summary>The plugin output directory the ingestor reads (the ICON log files and a TensorBoard event file).</summary>
    public LogDirectoryRun LogDirectory { get; private set; } = null!;

    public ServiceProcess StreamApi => _streamApi!;

    /// <summary>The recent output of every service, for assertion messages.</summary>
    public string Diagnostics => string.Join(Environment.NewLine,
        new (string Name, ServiceProcess? Service)[] { ("ingestor", _ingestor), ("streamapi", _streamApi), ("gateway", _gateway), ("frontend", _frontend) }
            .Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.Service?.RecentOutput}"));

    public async ValueTask InitializeAsync()
    {
        var clickHouse = ClickHouseServerProcess.StartNewAsync();
        var redis = RedisServerProcess.StartNewAsync();
        _clickHouse = await clickHouse;
        _redis = await redis;
        _database = await _clickHouse.CreateDatabaseAsync();
        await _database.InsertAsync(SeedRuns.Rows(DateTimeOffset.UtcNow));
        LogDirectory = LogDirectoryRun.Create(_temp.Combine("icon-output"));

        var ingestor = ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = _redis.ConnectionString,
            ["ConnectionStrings__clickhouse"] = _database.ConnectionString,
            ["LogDirectorySource__Directories__0"] = LogDirectory.Location,
        });
        var streamApi = ServiceProcess.StartAsync("StreamApi", new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = _redis.ConnectionString,
            ["ConnectionStrings__clickhouse"] = _database.ConnectionString,
        });
        var frontend = ServiceProcess.StartAsync("Frontend", new Dictionary<string, string?>());
        _ingestor = await ingestor;
        _streamApi = await streamApi;
        _frontend = await frontend;
        _gateway = await ServiceProcess.StartAsync("Gateway", new Dictionary<string, string?>
        {
            ["services__streamapi__http__0"] = _streamApi.BaseAddress.ToString(),
            ["services__frontend__http__0"] = _frontend.BaseAddress.ToString(),
        });
        await WaitForSeedAsync();
    }

    /// <summary>Rows inserted into the metric table, as a trainer inserts them.</summary>
    public Task InsertAsync(params IEnumerable<TestMetricPoint> points) => _database!.InsertAsync(points);

    /// <summary>Kills StreamApi as a crash or a rolling update would; <see cref="StartStreamApiAsync"/> brings it back on the same port.</summary>
    public Task StopStreamApiAsync() => _streamApi!.StopAsync();

    public async Task StartStreamApiAsync()
    {
        if (_streamApi!.HasExited)
        {
            await _streamApi.StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { _gateway, _frontend, _streamApi, _ingestor })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _temp.Dispose();
    }

    /// <summary>Every seeded run and the log-directory run listed with their series, through the gateway.</summary>
    private async Task WaitForSeedAsync()
    {
        using var http = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(10) };
        var wanted = SeedRuns.AllRunIds.Append(LogDirectory.RunId).ToHashSet();
        var deadline = DateTime.UtcNow + DataTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var runs = await http.GetFromJsonAsync<JsonDocument>("/runs");
                var listed = runs!.RootElement.GetProperty("runs").EnumerateArray()
                    .Where(r => r.GetProperty("series_count").GetInt32() > 0)
                    .Select(r => r.GetProperty("run_id").GetString()!)
                    .ToHashSet();
                if (wanted.IsSubsetOf(listed))
                {
                    return;
                }
                last = string.Join(", ", listed);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = exception.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The seeded runs were not all listed within {DataTimeout} (last: {last}).{Environment.NewLine}{Diagnostics}");
    }
}
