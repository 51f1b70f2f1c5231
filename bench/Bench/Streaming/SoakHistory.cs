using System.Text;
using System.Text.Json;
using Contracts.Wire;
using TestSupport.Processes;
using TestSupport.Sse;

namespace Bench.Streaming;

/// <summary>The steps a run has logged before the soak starts, and waiting until StreamApi serves all of them.</summary>
internal static class SoakHistory
{
    /// <summary>The ingestor's default <c>Decimation__MaxPoints</c>.</summary>
    private const int MaxPoints = 2000;

    /// <summary>
    /// History for a run that then logs <paramref name="liveSteps"/> more, chosen so that the live steps add at most
    /// a tenth to each decimated series and cross no doubling of its bucket width: a series that doubles travels
    /// whole to every client at once (bench/README.md, fan-out), and the held snapshot would grow with it, which
    /// this soak would misread as StreamApi's memory. Past about 100 minutes at 10 steps/s doublings come back.
    /// </summary>
    public static int Steps(long liveSteps)
    {
        var width = 1;
        while (width < 64 && liveSteps > MaxPoints / 20 * width)
        {
            width *= 2;
        }
        // Just past the doubling to this width: half full, so the live steps fill buckets without another one.
        return (MaxPoints / 2 * width) + 100;
    }

    /// <summary>Reads snapshots until one has every tag with all <paramref name="steps"/> points received; returns its size.</summary>
    public static async Task<long> WaitUntilStreamedAsync(ServiceProcess streamApi, int tags, int steps)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            await using (var client = await SseClient.ConnectAsync(new Uri(streamApi.BaseAddress, "/stream")))
            {
                var first = await client.NextAsync(TimeSpan.FromSeconds(60));
                var snapshot = JsonSerializer.Deserialize(first.Data, WireJsonContext.Default.SnapshotMessage)!;
                if (snapshot.Series.Length == tags && snapshot.Series.All(s => s.TotalPoints >= steps))
                {
                    return Encoding.UTF8.GetByteCount(first.Data);
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"StreamApi did not serve {tags} series of {steps} points within 3 minutes.");
            }
            await Task.Delay(1000);
        }
    }
}
