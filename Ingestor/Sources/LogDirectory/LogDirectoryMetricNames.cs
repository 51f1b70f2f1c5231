using Contracts.Analytics;

namespace Ingestor.Sources.LogDirectory;

/// <summary>Series names the source gives what it reads (TensorBoard tags keep their own names).</summary>
public static class LogDirectoryMetricNames
{
    public const string BatchLoss = LossSeries.BatchLoss;
    public const string MeanPerTimestep = "Loss/mean_per_timestep";
    public const string StdPerTimestep = "Loss/std_per_timestep";
    public const string MinPerTimestep = "Loss/min_per_timestep";
    public const string MaxPerTimestep = "Loss/max_per_timestep";
    public const string CheckpointSave = "checkpoint_save";

    /// <summary>
    /// TensorBoard tags the plugin writes from the same losses as its log files. In the run the log files belong
    /// to, these come from the logs (float64, exact) and the event file's float32 copies are left out while the
    /// directory has loss logs.
    /// </summary>
    public static readonly IReadOnlySet<string> DerivedFromLogs = new HashSet<string>(StringComparer.Ordinal)
    {
        BatchLoss, MeanPerTimestep, StdPerTimestep, MinPerTimestep, MaxPerTimestep,
    };

    /// <summary>Series of a histogram tag: <c>{tag}/min</c> and so on.</summary>
    public static readonly string[] HistogramSuffixes = ["/min", "/max", "/mean", "/std", "/count"];
}
