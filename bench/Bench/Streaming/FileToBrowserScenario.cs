using System.Diagnostics;
using System.Globalization;
using Contracts.Wire;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;
using TestSupport.Sse;

namespace Bench.Streaming;

/// <summary>
/// File-to-browser latency of the log-directory source: an ICON loss log (one timestep's batch losses, written at once
/// as the plugin does at the end of a timestep) appears in a watched directory, and the time until its last loss
/// arrives at an SSE client through the real Ingestor, redis-server and StreamApi processes is measured. With
/// file-system events switched off the source finds the file by its periodic rescan only, as on an HPC parallel file
/// system that delivers no inotify events.
/// </summary>
internal static class FileToBrowserScenario
{
    private const int BatchesPerTimestep = 20;
    private const string LossSeries = "Loss/batch";
    private static readonly DateTime SimulationStart = new(2022, 1, 1, 6, 0, 0, DateTimeKind.Unspecified);

    public static async Task RunAsync(int samples, bool fileSystemEvents, TimeSpan rescanInterval)
    {
        using var output = new TempDirectory("bench-logdir");
        var directory = Directory.CreateDirectory(output.Combine("icon-output")).FullName;
        await using var redis = await RedisServerProcess.StartNewAsync();
        var settings = ServiceSettings.WatchingDirectory(redis.ConnectionString, directory);
        settings["LogDirectorySource__WatchFileSystem"] = fileSystemEvents ? "true" : "false";
        settings["LogDirectorySource__RescanInterval"] = rescanInterval.ToString("c", CultureInfo.InvariantCulture);
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", settings, readyPath: "/alive");
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", settings, readyPath: "/alive");

        WriteTimestep(directory, 0);
        await using var client = await SseClient.ConnectAsync(new Uri(streamApi.BaseAddress, "/stream"));
        var state = new StreamState();
        var run = await WaitForLossesAsync(client, state, run: null, BatchesPerTimestep, TimeSpan.FromSeconds(60));

        var latencies = new LagRecorder();
        for (var timestep = 1; timestep <= samples; timestep++)
        {
            // Spread the writes over the rescan cycle, so the measurement samples every phase of it.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 100 + (int)rescanInterval.TotalMilliseconds)));
            WriteTimestep(directory, timestep);
            var written = Stopwatch.GetTimestamp();
            await WaitForLossesAsync(client, state, run, (timestep + 1) * BatchesPerTimestep, TimeSpan.FromSeconds(30));
            latencies.Record(Stopwatch.GetElapsedTime(written).TotalMilliseconds);
        }

        var summary = latencies.Summarize();
        Console.WriteLine($"file-to-browser: {summary.Count} loss logs of {BatchesPerTimestep} batches, file-system events {(fileSystemEvents ? "on" : "off")}, rescan every {rescanInterval.TotalSeconds:F1} s");
        Console.WriteLine($"  latency from the log written to its last loss arriving in an SSE {StreamEventType.Delta}: p50 {summary.P50:F0} ms, p99 {summary.P99:F0} ms, max {summary.Max:F0} ms");
    }

    /// <summary>Writes a timestep's loss log and summary, as the plugin does at the end of a timestep.</summary>
    private static void WriteTimestep(string directory, int timestep)
    {
        var stamp = SimulationStart.AddMinutes(30 * timestep).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var losses = Enumerable.Range(0, BatchesPerTimestep)
            .Select(batch => (1.0 / (1 + timestep + batch / (double)BatchesPerTimestep)).ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(directory, $"log_{stamp}.txt"), string.Join('\n', losses) + "\n");
        File.WriteAllText(Path.Combine(directory, $"summary_{stamp}.txt"),
            $"Global Step: {(timestep + 1) * BatchesPerTimestep}\nNumber of Batches: {BatchesPerTimestep}\n");
    }

    private static async Task<string> WaitForLossesAsync(SseClient client, StreamState state, string? run, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var found = state.Series.FirstOrDefault(s => s.Key.SeriesId == LossSeries && (run is null || s.Key.RunId == run));
            if (found.Value?.Points.Count >= count)
            {
                return found.Key.RunId;
            }
            var remaining = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{count} losses did not arrive within {timeout.TotalSeconds:F0} s.");
            }
            state.Apply(await client.NextAsync(remaining));
        }
    }
}
