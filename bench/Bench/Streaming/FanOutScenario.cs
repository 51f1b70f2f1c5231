using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using Bench.Footprint;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Bench.Streaming;

/// <summary>
/// N concurrent SSE clients on one StreamApi process, fed by the ingestor's real publishing (in a feeder process
/// of its own, <see cref="FeedScenario"/>) through a real redis-server. Prints the delivery lag (publication by the ingestor to arrival at a client) and the StreamApi
/// process's memory per connected client. With <c>doublings</c>, every series crosses a doubling of its bucket width
/// in the first publication of the measured phase, and the events published in the seconds after it are summarized apart.
/// </summary>
internal static class FanOutScenario
{
    /// <summary>How long after the doublings an event counts as theirs (or as delayed behind them).</summary>
    private static readonly TimeSpan DoublingWindow = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(int clients, int deltasPerSecond, TimeSpan duration, bool doublings)
    {
        // A thousand readers in one process: without spare threads the pool's slow growth would be measured as lag.
        ThreadPool.SetMinThreads(64, 64);
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", ServiceSettings.Deployed(redis.ConnectionString));
        using var feeder = StartFeeder(redis.ConnectionString, deltasPerSecond, duration, doublings);
        await WaitForLineAsync(feeder, "ready");
        var rssBefore = ProcessUsage.Read(streamApi.ProcessId).RssBytes;

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = streamApi.BaseAddress };
        using var stop = new CancellationTokenSource();
        var lags = new DeliveryLags();
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
        var rssConnected = ProcessUsage.Read(streamApi.ProcessId).RssBytes;
        // The thousand snapshots just read are garbage in this process; collecting it during the measurement would
        // stop every client at once and be counted as StreamApi's lag.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        lags.Reset();
        var streamApiCpuBefore = ProcessUsage.Read(streamApi.ProcessId).CpuTime;
        var clientsCpuBefore = ProcessUsage.Read(Environment.ProcessId).CpuTime;
        var measured = Stopwatch.StartNew();

        await feeder.StandardInput.WriteLineAsync("go");
        long? doublingMs = doublings ? long.Parse((await WaitForLineAsync(feeder, "doubling at ")).Split(' ')[2], CultureInfo.InvariantCulture) : null;
        var done = await WaitForLineAsync(feeder, "done");
        var published = int.Parse(done.Split(' ')[1], CultureInfo.InvariantCulture);
        var streamApiCores = (ProcessUsage.Read(streamApi.ProcessId).CpuTime - streamApiCpuBefore).TotalSeconds / measured.Elapsed.TotalSeconds;
        var clientsCores = (ProcessUsage.Read(Environment.ProcessId).CpuTime - clientsCpuBefore).TotalSeconds / measured.Elapsed.TotalSeconds;
        await Task.Delay(1000);
        var rssEnd = ProcessUsage.Read(streamApi.ProcessId).RssBytes;
        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));

        var summary = lags.Summarize();
        Console.WriteLine($"fan-out: {clients} clients, {published} points published at {deltasPerSecond}/s over {duration.TotalSeconds:F0} s{(doublings ? $", every one of the {FeedScenario.Series} series crossing a doubling in the first publication" : "")}");
        Console.WriteLine($"  deltas received: {summary.Count} (expected about {(long)published * clients} if every point became its own delta; the ingestor coalesces)");
        Console.WriteLine($"  delivery lag (ingestor publish -> client receive): p50 {summary.P50:F1} ms, p99 {summary.P99:F1} ms, max {summary.Max:F1} ms");
        Console.WriteLine($"  received per client while measuring: {summary.Bytes / (double)clients / 1024:F1} KiB of events");
        if (doublingMs is { } at)
        {
            var window = lags.Summarize(at, at + (long)DoublingWindow.TotalMilliseconds);
            Console.WriteLine($"  events published in the {DoublingWindow.TotalSeconds:F0} s from the doublings: {window.Count}, lag p50 {window.P50:F1} ms, p99 {window.P99:F1} ms, max {window.Max:F1} ms, {window.Bytes / (double)clients / 1024:F1} KiB per client");
        }
        Console.WriteLine($"  CPU while measuring: StreamApi {streamApiCores:F2} cores, the {clients} clients (this process) {clientsCores:F2} cores, of {Environment.ProcessorCount}");
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
    private static async Task ReadAsync(HttpClient http, DeliveryLags lags, Action onSnapshot, CancellationToken cancellationToken)
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
                            lags.Record(publishedMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - publishedMs, line.Length);
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

    private static Process StartFeeder(string redis, int pointsPerSecond, TimeSpan duration, bool doublings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                typeof(FeedScenario).Assembly.Location, "feed", redis,
                pointsPerSecond.ToString(CultureInfo.InvariantCulture), ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                doublings ? "doublings" : "steady",
            },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("The feeder did not start.");
    }

    private static async Task<string> WaitForLineAsync(Process feeder, string prefix)
    {
        while (await feeder.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
        throw new InvalidOperationException($"The feeder ended before saying '{prefix}'.");
    }
}
