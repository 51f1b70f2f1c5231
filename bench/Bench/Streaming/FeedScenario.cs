using System.Diagnostics;
using TestSupport.Ingestion;

namespace Bench.Streaming;

/// <summary>
/// The publishing side of the fan-out scenario, run as its own process so that the thousand clients of the
/// measuring process do not starve it: the ingestor's real publishing, fed points at a steady rate.
/// Protocol on the console: prints "ready" once the history is published, starts on a "go" line, prints "done".
/// </summary>
internal static class FeedScenario
{
    public const int Series = 20;
    /// <summary>
    /// Between two doublings of the decimation bucket width (at 2000 and 4000 raw points with the default cap), so the
    /// measured points travel as tails. At a doubling a series travels whole, once; had every series sat at 2000,
    /// the first two seconds would carry twenty whole series to every client, and measure that instead.
    /// </summary>
    public const int HistoryPoints = 3000;

    public static async Task RunAsync(string redis, int pointsPerSecond, TimeSpan duration)
    {
        await using var ingestor = await IngestorHost.StartAsync(redis, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        for (var metric = 0; metric < Series; metric++)
        {
            await ingestor.WriteAsync("bench-run", Name(metric), Enumerable.Range(0, HistoryPoints).Select(i => ((long)i, Math.Sin(i * 0.01 + metric))));
        }
        await Task.Delay(3000);
        Console.WriteLine("ready");
        string? line;
        while ((line = Console.ReadLine()) is not null && line != "go")
        {
        }
        if (line is null)
        {
            return; // the measuring process went away
        }

        var interval = TimeSpan.FromSeconds(1.0 / pointsPerSecond);
        var step = (long)HistoryPoints;
        var published = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await ingestor.WriteAsync("bench-run", Name(published % Series), [(step++, Math.Cos(step * 0.01))]);
            published++;
            var next = interval * published - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
        await Task.Delay(1000);
        Console.WriteLine($"done {published}");
    }

    private static string Name(int metric) => $"metric_{metric:D2}";
}
