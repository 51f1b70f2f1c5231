namespace TestSupport.Processes;

/// <summary>
/// The dashboard's four services as processes from their build output, wired as AppHost wires them: the Ingestor
/// (ClickHouse and log-directory sources), StreamApi, the Frontend host, and the Gateway in front of the last two,
/// which finds them through <c>services__streamapi__http__0</c> and <c>services__frontend__http__0</c>. Redis and
/// ClickHouse are the caller's. Stopped in reverse order at dispose.
/// </summary>
public sealed class DashboardServices : IAsyncDisposable
{
    private DashboardServices(ServiceProcess ingestor, ServiceProcess streamApi, ServiceProcess frontend, ServiceProcess gateway)
    {
        Ingestor = ingestor;
        StreamApi = streamApi;
        Frontend = frontend;
        Gateway = gateway;
    }

    public ServiceProcess Ingestor { get; }

    public ServiceProcess StreamApi { get; }

    public ServiceProcess Frontend { get; }

    public ServiceProcess Gateway { get; }

    /// <summary>The one address a browser needs.</summary>
    public Uri GatewayAddress => Gateway.BaseAddress;

    /// <summary>The recent output of every service, for assertion messages.</summary>
    public string Diagnostics => string.Join(Environment.NewLine,
        new[] { ("ingestor", Ingestor), ("streamapi", StreamApi), ("frontend", Frontend), ("gateway", Gateway) }
            .Select(s => $"--- {s.Item1} ---{Environment.NewLine}{s.Item2.RecentOutput}"));

    /// <param name="redis">StackExchange.Redis connection string (ConnectionStrings__redis).</param>
    /// <param name="clickHouse">ClickHouse connection string, or null for no ClickHouse source and history.</param>
    /// <param name="logDirectories">Plugin output directories for the ingestor's log-directory source.</param>
    /// <param name="ingestorSettings">More environment for the ingestor (e.g. ClickHouseSource__PollInterval).</param>
    public static async Task<DashboardServices> StartAsync(
        string redis, string? clickHouse, IReadOnlyList<string> logDirectories, IReadOnlyDictionary<string, string?>? ingestorSettings = null)
    {
        var storage = new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = redis,
            ["ConnectionStrings__clickhouse"] = clickHouse,
        };
        var ingestorEnvironment = new Dictionary<string, string?>(storage);
        for (var i = 0; i < logDirectories.Count; i++)
        {
            ingestorEnvironment[$"LogDirectorySource__Directories__{i}"] = logDirectories[i];
        }
        foreach (var (key, value) in ingestorSettings ?? new Dictionary<string, string?>())
        {
            ingestorEnvironment[key] = value;
        }
        var ingestor = ServiceProcess.StartAsync("Ingestor", ingestorEnvironment);
        var streamApi = ServiceProcess.StartAsync("StreamApi", storage);
        var frontend = ServiceProcess.StartAsync("Frontend", new Dictionary<string, string?>());
        Task<ServiceProcess>? gateway = null;
        try
        {
            await Task.WhenAll(ingestor, streamApi, frontend);
            gateway = ServiceProcess.StartAsync("Gateway", new Dictionary<string, string?>
            {
                ["services__streamapi__http__0"] = streamApi.Result.BaseAddress.ToString(),
                ["services__frontend__http__0"] = frontend.Result.BaseAddress.ToString(),
            });
            return new DashboardServices(ingestor.Result, streamApi.Result, frontend.Result, await gateway);
        }
        catch
        {
            foreach (var started in new[] { gateway, frontend, streamApi, ingestor })
            {
                if (started is { IsCompletedSuccessfully: true })
                {
                    await started.Result.DisposeAsync();
                }
            }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Frontend.DisposeAsync();
        await StreamApi.DisposeAsync();
        await Ingestor.DisposeAsync();
    }
}
