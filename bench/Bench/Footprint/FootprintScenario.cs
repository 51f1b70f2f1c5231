using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Diagnostics;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Bench.Footprint;

/// <summary>
/// The ICON loss monitor's workload against the real processes, started as a container starts them (`dotnet X.dll`)
/// next to redis-server: a plugin directory of <c>timesteps × batches</c> losses written before the ingestor starts,
/// then new timesteps appended as the plugin writes them. Prints ready time, per-process memory and idle CPU,
/// freshness, and every endpoint's latency at default parameters.
/// </summary>
internal static class FootprintScenario
{
    /// <summary>Long enough for tiered compilation to finish with the start-up code, so the idle window measures idle.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(int timesteps, int batches, int freshnessSamples, TimeSpan idleWindow)
    {
        using var output = new TempDirectory("bench-footprint");
        var directory = Directory.CreateDirectory(output.Combine("icon-output")).FullName;
        var workload = new IconWorkload(directory, batches);
        var written = Stopwatch.StartNew();
        workload.WriteHistory(timesteps);
        Console.WriteLine($"workload: {timesteps} timesteps x {batches} batches = {(long)timesteps * batches:N0} losses in {2 * timesteps:N0} files, written in {written.Elapsed.TotalSeconds:F1} s");

        await using var redis = await RedisServerProcess.StartNewAsync();
        var settings = ServiceSettings.WatchingDirectory(redis.ConnectionString, directory);
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", settings, readyPath: "/alive");
        using var http = new HttpClient { BaseAddress = streamApi.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var started = Stopwatch.GetTimestamp();
        var readiness = ReadyTimes.MeasureAsync(http, timesteps, started, TimeSpan.FromMinutes(10));
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", settings, readyPath: "/alive");
        var alive = Stopwatch.GetElapsedTime(started);
        var ready = await readiness;
        Console.WriteLine($"ready: ingestor alive {alive.TotalSeconds:F2} s, first /api/status answer {ready.FirstAnswer.TotalSeconds:F2} s, every timestep served {ready.Everything.TotalSeconds:F2} s after the ingestor was started");

        var processes = new (string Name, int Pid)[] { ("Ingestor", ingestor.ProcessId), ("StreamApi", streamApi.ProcessId), ("redis-server", redis.ProcessId) };
        await PrintMemoryAsync("after the initial read", processes);

        await Task.Delay(Settle);
        var before = processes.Select(p => ProcessUsage.Read(p.Pid).CpuTime).ToArray();
        await Task.Delay(idleWindow);
        var cpu = processes.Select((p, i) => (ProcessUsage.Read(p.Pid).CpuTime - before[i]) / idleWindow * 100).ToArray();
        Console.WriteLine($"idle CPU over {idleWindow.TotalSeconds:F0} s (% of one core): "
            + string.Join(", ", processes.Select((p, i) => $"{p.Name} {cpu[i]:F2}")) + $"; all {cpu.Sum():F2}");

        var freshness = await Freshness.MeasureAsync(http, workload, timesteps, freshnessSamples);
        Console.WriteLine($"freshness (timestep written -> in /api/loss/current), {freshness.Count} timesteps: median {freshness.P50:F0} ms, max {freshness.Max:F0} ms");

        var runId = JsonDocument.Parse(await http.GetStringAsync("/api/status")).RootElement.GetProperty("run_id").GetString()!;
        Console.WriteLine("endpoints at default parameters (20 requests back to back each):");
        foreach (var endpoint in await EndpointLatencies.MeasureAsync(http, runId, IconWorkload.IsoStamp(timesteps + freshnessSamples - 1)))
        {
            Console.WriteLine($"  {endpoint.Path,-60} {endpoint.Status} p50 {endpoint.P50Ms,7:F1} ms  max {endpoint.MaxMs,7:F1} ms  {endpoint.Bytes,12:N0} bytes");
        }

        await PrintMemoryAsync("at the end", processes);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var info = (await connection.GetServer(connection.GetEndPoints()[0]).InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        Console.WriteLine($"redis used_memory {long.Parse(info["used_memory"], CultureInfo.InvariantCulture) / 1048576.0:F1} MiB");
    }

    private static async Task PrintMemoryAsync(string when, (string Name, int Pid)[] processes)
    {
        var usage = processes.Select(p => ProcessUsage.Read(p.Pid)).ToArray();
        Console.WriteLine($"memory {when} (RSS now / peak, MiB): "
            + string.Join(", ", processes.Select((p, i) => $"{p.Name} {usage[i].RssBytes / 1048576.0:F0} / {usage[i].PeakRssBytes / 1048576.0:F0}"))
            + $"; sum of peaks {usage.Sum(u => u.PeakRssBytes) / 1048576.0:F0}");
        // After the resident sets: the full collection asked for here would otherwise shrink what is measured.
        var heaps = new List<string>();
        foreach (var (name, pid) in processes.Where(p => p.Name != "redis-server"))
        {
            var heap = await ProcessMemory.ManagedHeapAfterFullCollectionAsync(pid, TimeSpan.FromSeconds(30));
            heaps.Add($"{name} {heap.LiveBytes / 1048576.0:F1} live / {heap.HeapBytes / 1048576.0:F1} heap");
        }
        Console.WriteLine($"managed heap {when} after a full collection (MiB): {string.Join(", ", heaps)}");
    }
}
