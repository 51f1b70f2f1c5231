using System.Diagnostics;
using System.Globalization;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

/// <summary>
/// Redis and the ingestor die together (a node lost) while StreamApi keeps a client connected; both come back, Redis
/// empty and the ingestor with no memory of the sequence it had reached. Real redis-server, Ingestor and StreamApi
/// processes with their default timings; the ingestor reads a log directory the test writes to.
/// </summary>
public sealed class RedisAndIngestorRestartTests(ITestOutputHelper output)
{
    /// <summary>Generous on purpose: the product's target is 5 s, measured and printed, not asserted.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string FirstTimestep = "2022-01-01 06:00:00";
    private const string SecondTimestep = "2022-01-01 06:30:00";

    [Fact]
    public async Task Client_GetsThePointsWrittenAfterRedisAndTheIngestorRestartedTogether()
    {
        using var temp = new TempDirectory("restart-together");
        var directory = temp.Combine("icon-output");
        Directory.CreateDirectory(directory);
        var runId = $"icon-output@{FirstTimestep.Replace(' ', 'T')}";
        WriteTimestep(directory, FirstTimestep, [1.0, 0.9, 0.8, 0.7]);
        await using var redis = await RedisServerProcess.StartNewAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString };
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string?>(environment)
        {
            ["LogDirectorySource__Directories__0"] = directory,
            // No periodic run list to bring a stalled client up to date by chance: only the new points can.
            ["Publishing__RunsMetaInterval"] = "01:00:00",
        }, readyPath: "/alive");
        await using var streamApi = await ServiceProcess.StartAsync("StreamApi", environment, readyPath: "/alive");
        await using var client = await EventSourceClient.ConnectAsync(new Uri(streamApi.BaseAddress, "/stream"));
        var state = new StreamState();
        await client.ApplyUntilAsync(state, s => Losses(s, runId).Count == 4, Patience);
        var seqBefore = state.LastSeq;
        var snapshotsBefore = state.Snapshots;

        await Task.WhenAll(ingestor.StopAsync(), redis.StopAsync());
        var restart = Stopwatch.StartNew();
        await Task.WhenAll(ingestor.StartAsync(readyPath: "/alive"), redis.StartAsync());
        var restarted = restart.Elapsed;
        var appended = Stopwatch.StartNew();
        WriteTimestep(directory, SecondTimestep, [0.61, 0.52]);

        await client.ApplyUntilAsync(state, s => Losses(s, runId).Count == 6, Patience);
        var arrived = appended.Elapsed;

        output.WriteLine($"Both back after {restarted.TotalSeconds:F2} s; the points written then reached the client {arrived.TotalSeconds:F2} s " +
            $"after they were written ({restart.Elapsed.TotalSeconds:F2} s after the restart began); reconnects: {client.Reconnects}.");
        Assert.Equal([1.0, 0.9, 0.8, 0.7, 0.61, 0.52], Losses(state, runId).Values);
        // The ingestor began anew above the numbers the client holds, which it would otherwise drop as old.
        Assert.True(state.LastSeq > seqBefore, $"seq {state.LastSeq} after the restart is not above {seqBefore} before it");
        Assert.True(state.Snapshots > snapshotsBefore, "the client should have been resynced with a fresh snapshot");
    }

    private static SortedList<long, double> Losses(StreamState state, string runId) => state.Get(runId, "Loss/batch") ?? [];

    /// <summary>Writes a timestep's loss log as the plugin does at its end: whole, under its final name at once.</summary>
    private static void WriteTimestep(string directory, string timestamp, double[] losses)
    {
        var partial = Path.Combine(directory, "partial.tmp");
        File.WriteAllLines(partial, losses.Select(loss => loss.ToString("R", CultureInfo.InvariantCulture)));
        File.Move(partial, Path.Combine(directory, $"log_{timestamp}.txt"));
    }
}
