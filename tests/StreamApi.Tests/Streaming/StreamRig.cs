using TestSupport.Ingestion;
using TestSupport.Processes;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

/// <summary>A real Redis, the ingestor's publishing (in process, fed by the test) and real StreamApi processes.</summary>
internal sealed class StreamRig : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<ServiceProcess> _streamApis = [];

    private StreamRig(IRedisServer redis, IngestorHost ingestor)
    {
        Redis = redis;
        Ingestor = ingestor;
    }

    public IRedisServer Redis { get; }

    public IngestorHost Ingestor { get; }

    public ServiceProcess StreamApi => _streamApis[0];

    public static async Task<StreamRig> StartAsync(
        string redisKind = RedisServers.RedisServer,
        IReadOnlyDictionary<string, string?>? ingestorSettings = null,
        IReadOnlyDictionary<string, string?>? streamApiSettings = null,
        int streamApis = 1)
    {
        var redis = await RedisServers.StartAsync(redisKind);
        var settings = new Dictionary<string, string?> { ["Publishing:SnapshotInterval"] = "00:00:00.250", ["Publishing:RetryMaxDelay"] = "00:00:00.500" };
        foreach (var (key, value) in ingestorSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var rig = new StreamRig(redis, await IngestorHost.StartAsync(redis.ConnectionString, settings));
        for (var i = 0; i < streamApis; i++)
        {
            await rig.AddStreamApiAsync(streamApiSettings);
        }
        return rig;
    }

    public async Task<ServiceProcess> AddStreamApiAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__redis"] = Redis.ConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }
        var process = await ServiceProcess.StartAsync("StreamApi", environment, readyPath: "/alive");
        _streamApis.Add(process);
        return process;
    }

    public Task<SseClient> ConnectAsync(string query = "", string? lastEventId = null, ServiceProcess? streamApi = null) =>
        SseClient.ConnectAsync(new Uri((streamApi ?? StreamApi).BaseAddress, "/stream" + query), lastEventId);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _streamApis)
        {
            await process.DisposeAsync();
        }
        await Ingestor.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
