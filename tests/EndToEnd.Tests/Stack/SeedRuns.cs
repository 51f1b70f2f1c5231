using TestSupport.ClickHouse;

namespace EndToEnd.Tests.Stack;

/// <summary>
/// The ClickHouse runs the system starts with (the ClickHouse source reads rows older than its late-arrival
/// window only in the backfill at start, so runs of different ages must be in the table before the ingestor
/// starts). Two recent runs and one that ended three hours ago, each with a metric on every tab, and a run that
/// was resumed an hour after it stopped, with one metric of its own.
/// </summary>
public static class SeedRuns
{
    public const string RecentA = "llm-recent-a";
    /// <summary>Holds characters a URL, a query list and a Redis key treat specially, so every view of it proves they travel.</summary>
    public const string RecentB = "llm/recent-b:50%,ü";
    public const string ThreeHoursOld = "llm-3h-old";
    public const string Resumed = "llm-resumed";

    public const int Steps = 200;
    public const int CheckpointEvery = 50;

    public const string Loss = "loss_t1";
    public const string LearningRate = "learning_rate";
    public const string MoeAuxLoss = "moe.aux_loss";
    public const string GpuUtil = "sys.gpu.0.util_percent";
    public const string CheckpointSave = "checkpoint_save";
    public const string ProgressPercent = "progress.percent";

    public const string ResumedLoss = "loss_resumed";
    public const int ResumedOldSteps = 100;
    public const int ResumedRecentSteps = 50;

    /// <summary>The runs with every metric above.</summary>
    public static IReadOnlyList<string> RunIds { get; } = [RecentA, RecentB, ThreeHoursOld];

    public static IReadOnlyList<string> AllRunIds { get; } = [.. RunIds, Resumed];

    /// <summary>Every row of the seed, one step a second, each run's last step at its end time.</summary>
    public static IEnumerable<TestMetricPoint> Rows(DateTimeOffset now)
    {
        foreach (var (run, end, scale) in new[] { (RecentA, now, 1.0), (RecentB, now, 1.3), (ThreeHoursOld, now.AddHours(-3), 1.6) })
        {
            for (var step = 0; step < Steps; step++)
            {
                var time = end.AddSeconds(step - Steps + 1);
                yield return new(run, Loss, step, LossAt(step, scale), time);
                yield return new(run, LearningRate, step, 3e-4 * Math.Min(1, (step + 1) / 20.0), time);
                yield return new(run, MoeAuxLoss, step, (0.01 * scale) + (0.002 * Math.Sin(step / 7.0)), time);
                yield return new(run, ProgressPercent, step, 100.0 * step / 1000, time);
                for (var host = 1; host <= 2; host++)
                {
                    yield return new(run, GpuUtil, step, (50 * scale) + (10 * Math.Sin((step + (host * 13)) / 11.0)), time, $"node-{host}", (uint)(host - 1), 0);
                }
                if (step % CheckpointEvery == CheckpointEvery - 1)
                {
                    yield return new(run, CheckpointSave, step, 1.0, time);
                }
            }
        }
        for (var step = 0; step < ResumedOldSteps + ResumedRecentSteps; step++)
        {
            var time = step < ResumedOldSteps
                ? now.AddHours(-2).AddSeconds(step - ResumedOldSteps)
                : now.AddSeconds(step - ResumedOldSteps - ResumedRecentSteps + 1);
            yield return new(Resumed, ResumedLoss, step, LossAt(step, 0.8), time);
        }
    }

    public static double LossAt(long step, double scale) => (scale * 2.5 * Math.Exp(-step / 150.0)) + 0.3 + (0.02 * Math.Sin(step * 1.7));
}
