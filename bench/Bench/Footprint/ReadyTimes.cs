using System.Diagnostics;
using System.Text.Json;

namespace Bench.Footprint;

/// <summary>When StreamApi first answered <c>/api/status</c>, and when it served every timestep of the initial read.</summary>
internal sealed record ReadyTimes(TimeSpan FirstAnswer, TimeSpan Everything)
{
    public static async Task<ReadyTimes> MeasureAsync(HttpClient http, int timesteps, long started, TimeSpan timeout)
    {
        TimeSpan? first = null;
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            using var response = await http.GetAsync("/api/status");
            if (response.IsSuccessStatusCode)
            {
                first ??= Stopwatch.GetElapsedTime(started);
                var status = JsonDocument.Parse(await response.Content.ReadAsStreamAsync()).RootElement;
                if (status.GetProperty("timesteps").GetInt32() >= timesteps)
                {
                    return new ReadyTimes(first.Value, Stopwatch.GetElapsedTime(started));
                }
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"StreamApi did not serve {timesteps} timesteps within {timeout}.");
    }
}
