using System.Diagnostics;
using Bench.Streaming;

namespace Bench.Footprint;

/// <summary>Appends timesteps at random moments and times each until <c>/api/loss/current</c> shows it.</summary>
internal static class Freshness
{
    public static async Task<(int Count, double P50, double P99, double Max)> MeasureAsync(HttpClient http, IconWorkload workload, int firstTimestep, int samples)
    {
        var latencies = new LagRecorder();
        for (var timestep = firstTimestep; timestep < firstTimestep + samples; timestep++)
        {
            await Task.Delay(Random.Shared.Next(200, 1200));
            var expected = $"\"timestep\":\"{IconWorkload.IsoStamp(timestep)}\"";
            workload.WriteTimestep(timestep);
            var writtenAt = Stopwatch.GetTimestamp();
            while (!(await http.GetStringAsync("/api/loss/current")).Contains(expected, StringComparison.Ordinal))
            {
                if (Stopwatch.GetElapsedTime(writtenAt) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"Timestep {timestep} did not reach /api/loss/current within 30 s.");
                }
                await Task.Delay(2);
            }
            latencies.Record(Stopwatch.GetElapsedTime(writtenAt).TotalMilliseconds);
        }
        return latencies.Summarize();
    }
}
