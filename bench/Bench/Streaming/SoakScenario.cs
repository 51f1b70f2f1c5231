using System.Diagnostics;
using Bench.Footprint;
using TestSupport;
using TestSupport.Diagnostics;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Bench.Streaming;

/// <summary>
/// Many SSE clients held for many minutes on one StreamApi process while a training run logs live: a TensorBoard
/// event file read by the real Ingestor process (file-system events), published through a real redis-server. Every
/// minute it prints StreamApi's resident set and live managed heap, the clients still reading, the events they
/// received and their lag (the newest point's wall time to its arrival); at the end, the memory's slope and the
/// disconnections.
/// </summary>
internal static class SoakScenario
{
    private const int Tags = 20;

    /// <summary>StreamApi's ring of recent messages (<c>Stream__RecentMessages</c>): its heap grows by design until it is full.</summary>
    private const int RecentMessages = 1024;

    /// <summary>
    /// What the live heap may move over the measured minutes and still be flat. The held snapshot itself grows by
    /// under 10 % of its 1–2 MB here (see <see cref="SoakHistory"/>); a leak of one object per event per client would
    /// be tens of megabytes a minute.
    /// </summary>
    private const double FlatToleranceMib = 2;

    public static async Task RunAsync(int clients, int minutes, int stepsPerSecond)
    {
        // A thousand readers in one process: without spare threads the pool's slow growth would be measured as lag.
        ThreadPool.SetMinThreads(64, 64);
        var interval = TimeSpan.FromSeconds(1.0 / stepsPerSecond);
        var history = SoakHistory.Steps(minutes * 60L * stepsPerSecond);
        using var temp = new TempDirectory("bench-soak");
        var directory = Directory.CreateDirectory(temp.Combine("soak-output")).FullName;
        using var events = LiveEventFile.Create(directory, Tags);
        events.WriteHistory(history, interval);
        await using var redis = await RedisServerProcess.StartNewAsync();
        var settings = ServiceSettings.WatchingDirectory(redis.ConnectionString, directory);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", settings, readyPath: "/alive");
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", settings, readyPath: "/alive");
        var snapshotBytes = await SoakHistory.WaitUntilStreamedAsync(streamApi, Tags, history);
        Console.WriteLine($"soak: {clients} clients, {minutes} min, one run of {Tags} series logging {stepsPerSecond} steps/s after {history} steps of history (snapshot {snapshotBytes / 1048576.0:F1} MiB)");

        using var stopLive = new CancellationTokenSource();
        var writing = events.WriteLiveAsync(interval, stopLive.Token);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = streamApi.BaseAddress };
        using var stopClients = new CancellationTokenSource();
        var lags = new SoakLags();
        var soakClients = Enumerable.Range(0, clients).Select(_ => new SoakClient()).ToArray();
        var reading = soakClients.Select(c => c.RunAsync(http, lags, stopClients.Token)).ToArray();
        var connecting = Stopwatch.StartNew();
        while (soakClients.Count(c => c.Snapshots > 0 || c.Disconnected) < clients && connecting.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200);
        }
        Console.WriteLine($"  {soakClients.Count(c => c.Snapshots > 0)} of {clients} snapshots delivered in {connecting.Elapsed.TotalSeconds:F1} s, while the run logged");
        PrintFailures(soakClients);

        lags.TakeMinute();
        lags.Total.Reset();
        var eventsAtStart = soakClients.Sum(c => c.Events);
        var samples = new List<SoakSample>();
        Console.WriteLine(SoakSample.Header);
        var clock = Stopwatch.StartNew();
        var previousEvents = eventsAtStart;
        var previousCpu = ProcessUsage.Read(streamApi.ProcessId).CpuTime;
        for (var minute = 0; minute <= minutes; minute++)
        {
            var wait = TimeSpan.FromMinutes(minute) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var totalEvents = soakClients.Sum(c => c.Events);
            var sample = await SampleAsync(minute, streamApi, ingestor, soakClients, totalEvents - previousEvents, lags.TakeMinute(), previousCpu);
            previousEvents = totalEvents;
            previousCpu = ProcessUsage.Read(streamApi.ProcessId).CpuTime;
            samples.Add(sample);
            Console.WriteLine(sample.Row());
        }

        await stopLive.CancelAsync();
        await stopClients.CancelAsync();
        await writing;
        await Task.WhenAll(reading);
        PrintVerdict(samples, soakClients, lags.Total, (previousEvents - eventsAtStart) / (double)clients);
        PrintWarnings("StreamApi", streamApi);
        PrintWarnings("Ingestor", ingestor);
    }

    private static async Task<SoakSample> SampleAsync(int minute, ServiceProcess streamApi, ServiceProcess ingestor, SoakClient[] clients, long events, LagRecorder lags, TimeSpan cpuBefore)
    {
        var lag = lags.Summarize();
        var usage = ProcessUsage.Read(streamApi.ProcessId);
        var heap = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(streamApi.ProcessId, TimeSpan.FromSeconds(60));
        return new SoakSample(
            minute,
            usage.RssBytes,
            heap.LiveBytes,
            (usage.CpuTime - cpuBefore).TotalSeconds / 60,
            ProcessUsage.Read(ingestor.ProcessId).RssBytes,
            clients.Count(c => c.Snapshots > 0 && !c.Disconnected),
            TcpConnections.EstablishedOnLocalPort(streamApi.Port),
            events,
            lag.P50,
            lag.P99,
            clients.Sum(c => Math.Max(0, c.Snapshots - 1)),
            clients.Count(c => c.Disconnected));
    }

    private static void PrintVerdict(List<SoakSample> samples, SoakClient[] clients, LagRecorder total, double eventsPerClient)
    {
        // Until the ring of recent messages is full StreamApi's heap grows by design; the trend is judged after it.
        var perMinute = eventsPerClient / Math.Max(1, samples[^1].Minute);
        var from = Math.Min(samples[^1].Minute - 1, (int)Math.Ceiling(RecentMessages / Math.Max(1, perMinute)));
        var judged = samples.Where(s => s.Minute >= from).ToList();
        var heapSlope = MemoryTrend.SlopeMibPerMinute([.. judged.Select(s => s.Minute)], [.. judged.Select(s => s.StreamApiLiveHeapBytes)]);
        var rssSlope = MemoryTrend.SlopeMibPerMinute([.. judged.Select(s => s.Minute)], [.. judged.Select(s => s.StreamApiResidentBytes)]);
        var growth = heapSlope * (judged[^1].Minute - judged[0].Minute);
        var flat = Math.Abs(growth) <= FlatToleranceMib;
        var disconnected = clients.Count(c => c.Disconnected);
        var lag = total.Summarize();
        Console.WriteLine($"  {eventsPerClient:F0} events per client; lag over the run: p50 {lag.P50:F0} ms, p99 {lag.P99:F0} ms, max {lag.Max:F0} ms ({lag.Count} deltas)");
        PrintFailures(clients);
        Console.WriteLine($"verdict: {(flat && disconnected == 0 ? "PASS" : "FAIL")}: StreamApi live heap {heapSlope:+0.000;-0.000} MiB/min over minutes {judged[0].Minute}-{judged[^1].Minute} "
            + $"({growth:+0.0;-0.0} MiB, {(flat ? "flat" : "NOT flat")}), resident {rssSlope:+0.00;-0.00} MiB/min; {disconnected} of {clients.Length} clients disconnected, "
            + $"{clients.Sum(c => Math.Max(0, c.Snapshots - 1))} resyncs; lag p99 {lag.P99:F0} ms");
    }

    private static void PrintFailures(SoakClient[] clients)
    {
        foreach (var failure in clients.Where(c => c.Disconnected).GroupBy(c => c.Failure).Take(5))
        {
            Console.WriteLine($"  {failure.Count()} clients ended: {failure.Key}");
        }
    }

    private static void PrintWarnings(string name, ServiceProcess service)
    {
        // The simple console format puts a message's category on one line and its text, then any exception, below.
        var lines = service.RecentOutput.Split('\n');
        var shown = 0;
        for (var i = 0; i < lines.Length && shown < 5; i++)
        {
            if (lines[i].StartsWith("warn", StringComparison.Ordinal) || lines[i].StartsWith("fail", StringComparison.Ordinal))
            {
                shown++;
                foreach (var line in lines.Skip(i).Take(4))
                {
                    Console.WriteLine($"  {name} said: {line.TrimEnd()}");
                }
            }
        }
    }
}
