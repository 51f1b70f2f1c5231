using System.Diagnostics;

namespace Bench.Footprint;

/// <summary>Every REST endpoint of StreamApi at its default parameters, timed back to back with the body read whole.</summary>
internal static class EndpointLatencies
{
    private const int Requests = 20;

    public static async Task<IReadOnlyList<EndpointLatency>> MeasureAsync(HttpClient http, string runId, string lastTimestep)
    {
        var run = Uri.EscapeDataString(runId);
        string[] paths =
        [
            "/runs", "/api/health", "/api/status", "/api/loss/current", "/api/loss/history", "/api/loss/statistics",
            "/api/loss/timesteps", $"/api/loss/by_timestep/{lastTimestep}", "/api/tensorboard/scalars",
            "/api/tensorboard/scalars?tag=Loss/batch", $"/metrics/{run}?metric=Loss/batch", $"/checkpoints/{run}",
        ];
        var results = new List<EndpointLatency>();
        foreach (var path in paths)
        {
            var times = new double[Requests];
            long bytes = 0;
            var status = 0;
            for (var i = 0; i < Requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                bytes = body.Length;
                status = (int)response.StatusCode;
            }
            Array.Sort(times);
            results.Add(new EndpointLatency(path, times[Requests / 2], times[^1], bytes, status));
        }
        return results;
    }
}
