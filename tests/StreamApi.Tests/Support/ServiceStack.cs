using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;

namespace StreamApi.Tests.Support;

/// <summary>
/// Real Redis, the Ingestor reading a plugin directory (and ClickHouse, when given) and StreamApi, each on its own
/// loopback port, for one test.
/// </summary>
internal sealed class ServiceStack : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("loss-api");
    private IRedisServer? _redis;
    private ServiceProcess? _ingestor;
    private ServiceProcess? _streamApi;

    private ServiceStack(string directoryName)
    {
        Directory = _temp.Combine(directoryName);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public IRedisServer Redis => _redis!;

    public string IngestorOutput => _ingestor?.RecentOutput ?? "";

    public ServiceProcess Ingestor => _ingestor!;

    /// <param name="directoryName">The log directory's name, which its run ids begin with.</param>
    public static async Task<ServiceStack> StartAsync(string redisKind, Action<string> prepareDirectory, string? clickHouse = null, string directoryName = "icon-output")
    {
        var stack = new ServiceStack(directoryName);
        try
        {
            prepareDirectory(stack.Directory);
            stack._redis = await RedisServers.StartAsync(redisKind);
            stack._ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string?>
            {
                ["ConnectionStrings__redis"] = stack._redis.ConnectionString,
                ["LogDirectorySource__Directories__0"] = stack.Directory,
                ["LogDirectorySource__RescanInterval"] = "00:00:00.200",
                ["LogDirectorySource__RedisFlushInterval"] = "00:00:00.050",
                ["Publishing__RetryMaxDelay"] = "00:00:00.500",
                ["ConnectionStrings__clickhouse"] = clickHouse,
                ["ClickHouseSource__PollInterval"] = "00:00:00.200",
            }, readyPath: "/alive");
            stack._streamApi = await ServiceProcess.StartAsync("StreamApi", new Dictionary<string, string?>
            {
                ["ConnectionStrings__redis"] = stack._redis.ConnectionString,
                ["ConnectionStrings__clickhouse"] = clickHouse,
            }, readyPath: "/alive");
            stack.Http.BaseAddress = stack._streamApi.BaseAddress;
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            File.SetAttributes(target, FileAttributes.Normal);
        }
        foreach (var directory in System.IO.Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{path}: {(int)response.StatusCode} {body}");
        }
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="ready"/> holds for the JSON at <paramref name="path"/>; bounded, with the ingestor's log on failure.</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> ready, TimeSpan? timeout = null)
    {
        var last = "no answer";
        var answer = await Eventually.ReturnsAsync<JsonElement>(async () =>
        {
            try
            {
                using var response = await Http.GetAsync(path);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                return response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonElement>() is var json && ready(json) ? json : null;
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
                return null;
            }
        }, $"{path} to become ready", timeout ?? TimeSpan.FromSeconds(60), () => $"{last}{Environment.NewLine}Ingestor:{Environment.NewLine}{IngestorOutput}");
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_streamApi is not null)
        {
            await _streamApi.DisposeAsync();
        }
        if (_ingestor is not null)
        {
            await _ingestor.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        _temp.Dispose();
    }
}
