using System.Diagnostics;
using System.Globalization;
using System.Text;
using TestSupport.Ingestion;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Bench.Streaming;

/// <summary>
/// N concurrent SSE clients on one StreamApi process, fed by the ingestor's real publishing through a real
/// redis-server. Prints the delivery lag (publication by the ingestor to arrival at a client) and the StreamApi
/// process's memory per connected client.
/// </summary>
internal static class FanOutScenario
{
    public static async Task RunAsync(int clients, int deltasPerSecond, TimeSpan duration)
    {
        // A thousand readers share this process with the ingestor; without spare threads the pool's slow growth
        // would be measured as delivery lag.
        ThreadPool.SetMinThreads(64, 64);
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var ingestor = await IngestorHost.StartAsync(redis.ConnectionString);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        // A few series with history, so each client's snapshot is realistic.
        for (var metric = 0; metric < 20; metric++)
        {
            await ingestor.WriteAsync("bench-run", $"metric_{metric:D2}", Enumerable.Range(0, 2000).Select(i => ((long)i, Math.Sin(i * 0.01 + metric))));
        }
        await Task.Delay(3000);
        var rssBefore = ResidentBytes(streamApi.ProcessId);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = streamApi.BaseAddress };
        using var stop = new CancellationTokenSource();
        var lags = new LagRecorder();
        var readers = new List<Task>(clients);
        var connected = 0;
        for (var i = 0; i < clients; i++)
        {
            readers.Add(ReadAsync(http, lags, () => Interlocked.Increment(ref connected), stop.Token));
        }
        // Every client has its snapshot before the measured phase starts (a thousand snapshots through one loopback
        // reader take a while here; each browser reads only its own).
        var snapshotsWait = Stopwatch.StartNew();
        while (Volatile.Read(ref connected) < clients)
        {
            await Task.Delay(100);
        }
        Console.WriteLine($"  {clients} snapshots delivered in {snapshotsWait.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(2000);
        var rssConnected = ResidentBytes(streamApi.ProcessId);
        lags.Reset();

        var interval = TimeSpan.FromSeconds(1.0 / deltasPerSecond);
        var step = 2000L;
        var published = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await ingestor.WriteAsync("bench-run", $"metric_{published % 20:D2}", [(step++, Math.Cos(step * 0.01))]);
            published++;
            var next = interval * published - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
        await Task.Delay(2000);
        var rssEnd = ResidentBytes(streamApi.ProcessId);
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));

        var summary = lags.Summarize();
        Console.WriteLine($"fan-out: {clients} clients, {published} points published at {deltasPerSecond}/s over {duration.TotalSeconds:F0} s");
        Console.WriteLine($"  deltas received: {summary.Count} (expected about {(long)published * clients} if every point became its own delta; the ingestor coalesces)");
        Console.WriteLine($"  delivery lag (ingestor publish -> client receive): p50 {summary.P50:F1} ms, p99 {summary.P99:F1} ms, max {summary.Max:F1} ms");
        Console.WriteLine($"  StreamApi resident memory: {rssBefore / 1048576.0:F1} MiB before clients, {rssConnected / 1048576.0:F1} MiB connected, {rssEnd / 1048576.0:F1} MiB after the run");
        Console.WriteLine($"  memory per client: {(rssConnected - rssBefore) / (double)clients / 1024:F1} KiB connected, {(rssEnd - rssBefore) / (double)clients / 1024:F1} KiB after the run");
    }

    private static async Task ReadAsync(HttpClient http, LagRecorder lags, Action onConnected, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            var snapshotReceived = false;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!snapshotReceived && line.StartsWith("data: {\"seq\":", StringComparison.Ordinal) && line.Contains("\"type\":\"snapshot\"", StringComparison.Ordinal))
                {
                    snapshotReceived = true;
                    onConnected();
                }
                else if (line.StartsWith("data: {\"seq\":", StringComparison.Ordinal) && PublishedMs(line) is { } publishedMs)
                {
                    lags.Record(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - publishedMs);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long? PublishedMs(string line)
    {
        const string Marker = "\"published_ms\":";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var start = at + Marker.Length;
        var end = start;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }
        return long.Parse(line.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }
}
