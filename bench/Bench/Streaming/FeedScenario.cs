using System.Diagnostics;
using Contracts.Series;
using Ingestor.Model;
using TestSupport.Ingestion;

namespace Bench.Streaming;

/// <summary>
/// The publishing side of the fan-out scenario, run as its own process so that the thousand clients of the
/// measuring process do not starve it: the ingestor's real publishing, fed points at a steady rate.
/// Protocol on the console: prints "ready" once the history is published, starts on a "go" line, prints "done".
/// With <c>doublings</c>, every series holds exactly <see cref="DoublingHistoryPoints"/> points, and the first write
/// after "go" gives each of them one more in one batch: every series crosses a doubling of its bucket width in the
/// same publication, as a fleet of runs started together does.
/// </summary>
internal static class FeedScenario
{
    public const int Series = 20;
    /// <summary>
    /// Between two doublings of the decimation bucket width (at 2000 and 4000 raw points with the default cap), so the
    /// measured points travel as tails only; the doublings are measured apart (<c>doublings</c>).
    /// </summary>
    public const int HistoryPoints = 3000;

    /// <summary>The default decimation cap: one more distinct step doubles the bucket width.</summary>
    public const int DoublingHistoryPoints = 2000;

    public static async Task RunAsync(string redis, int pointsPerSecond, TimeSpan duration, bool doublings)
    {
        var history = doublings ? DoublingHistoryPoints : HistoryPoints;
        await using var ingestor = await IngestorHost.StartAsync(redis, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        for (var metric = 0; metric < Series; metric++)
        {
            await ingestor.WriteAsync("bench-run", Name(metric), Enumerable.Range(0, history).Select(i => ((long)i, Math.Sin(i * 0.01 + metric))));
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
        var step = (long)history;
        var published = 0;
        if (doublings)
        {
            // Printed before the write, so every delta the doublings cause is published after this time.
            Console.WriteLine($"doubling at {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
            await ingestor.Sink.WriteAsync(OnePointEach(step++), CancellationToken.None);
            published += Series;
        }
        // The steady writes go on at their rate right after the doublings: a burst delays what follows it.
        var steady = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await ingestor.WriteAsync("bench-run", Name(steady % Series), [(step++, Math.Cos(step * 0.01))]);
            steady++;
            published++;
            var next = interval * steady - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }
        await Task.Delay(1000);
        Console.WriteLine($"done {published}");
    }

    private static MetricBatch OnePointEach(long step)
    {
        var batch = new MetricBatch();
        for (var metric = 0; metric < Series; metric++)
        {
            batch.Add(new SeriesKey("bench-run", Name(metric)), new MetricSample(step, 1_795_000_000_000 + step * 1000, Math.Cos(step * 0.01)));
        }
        return batch;
    }

    private static string Name(int metric) => $"metric_{metric:D2}";
}
