namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// One simulation timestep as read so far from its log file: the global steps its batches take. Its losses are
/// the points of the run's batch-loss series at those steps (<see cref="LossAnalytics.LossesOf"/>), held once.
/// </summary>
public sealed class TimestepLosses(DateTime timestep, long baseStep)
{
    public DateTime Timestep { get; } = timestep;

    /// <summary>Global step of the timestep's first batch.</summary>
    public long BaseStep { get; } = baseStep;

    /// <summary>The summary file's global step (batches up to the end of the timestep), once it was read.</summary>
    public long? SummaryGlobalStep { get; set; }

    /// <summary>Batches seen in the log, malformed lines included (each line is one batch).</summary>
    public int Lines { get; set; }

    public long WallTimeMs { get; set; }

    public long GlobalStep => SummaryGlobalStep ?? (BaseStep + Lines);

    /// <summary>The global step of the timestep's last batch.</summary>
    public long LastStep => BaseStep + Lines - 1;
}
