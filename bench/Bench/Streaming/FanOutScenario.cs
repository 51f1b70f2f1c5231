using System.Diagnostics;
using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Pipelines;
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
        foreach (var line in streamApi.RecentOutput.Split('\n').Where(l => l.StartsWith("warn", StringComparison.Ordinal) || l.StartsWith("fail", StringComparison.Ordinal)).Take(10))
        {
            Console.WriteLine("  StreamApi said: " + line);
        }
        Console.WriteLine($"  memory per client: {(rssConnected - rssBefore) / (double)clients / 1024:F1} KiB connected, {(rssEnd - rssBefore) / (double)clients / 1024:F1} KiB after the run");
    }

    /// <summary>
    /// Reads the stream as bytes and looks only at the head of each line, so a thousand multi-megabyte snapshots
    /// do not become strings whose collection would be measured as delivery lag.
    /// </summary>
    private static async Task ReadAsync(HttpClient http, LagRecorder lags, Action onSnapshot, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(cancellationToken));
            var snapshotReceived = false;
            var head = new byte[128];
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    var length = (int)Math.Min(head.Length, line.Length);
                    line.Slice(0, length).CopyTo(head);
                    var start = head.AsSpan(0, length);
                    if (start.StartsWith("data: {\"seq\":"u8))
                    {
                        if (!snapshotReceived && start.IndexOf("\"type\":\"snapshot\""u8) >= 0)
                        {
                            snapshotReceived = true;
                            onSnapshot();
                        }
                        else if (PublishedMs(start) is { } publishedMs)
                        {
                            lags.Record(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - publishedMs);
                        }
                    }
                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long? PublishedMs(ReadOnlySpan<byte> head)
    {
        var marker = "\"published_ms\":"u8;
        var at = head.IndexOf(marker);
        return at >= 0 && Utf8Parser.TryParse(head[(at + marker.Length)..], out long value, out _) ? value : null;
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
