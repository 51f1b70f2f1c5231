using Contracts.Analytics;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>The batch losses of one simulation timestep as read so far from its log file, with their global steps.</summary>
public sealed class TimestepLosses(DateTime timestep, long baseStep)
{
    public DateTime Timestep { get; } = timestep;

    /// <summary>Global step of the timestep's first batch.</summary>
    public long BaseStep { get; } = baseStep;

    /// <summary>The summary file's global step (batches up to the end of the timestep), once it was read.</summary>
    public long? SummaryGlobalStep { get; set; }

    /// <summary>Batches seen in the log, malformed lines included (each line is one batch).</summary>
    public int Lines { get; set; }

    public List<double> Values { get; } = [];

    public List<long> Steps { get; } = [];

    public long WallTimeMs { get; set; }

    public long GlobalStep => SummaryGlobalStep ?? (BaseStep + Lines);

    /// <summary>
    /// Records the loss of the batch at <paramref name="step"/>: a batch read before (its file was replaced or read
    /// again) gets the new value instead of a second entry. Returns the value it replaced, if any.
    /// </summary>
    public double? Set(long step, double value)
    {
        if (Steps.Count == 0 || step > Steps[^1])
        {
            Steps.Add(step);
            Values.Add(value);
            return null;
        }
        var index = Steps.BinarySearch(step);
        if (index >= 0)
        {
            var previous = Values[index];
            Values[index] = value;
            return previous;
        }
        Steps.Insert(~index, step);
        Values.Insert(~index, value);
        return null;
    }

    public TimestepSummary ToSummary() => new TimestepSummaryBuilder(Values).Build(Timestep, GlobalStep, WallTimeMs);

    public TimestepDetail ToDetail(string runId)
    {
        var summary = ToSummary();
        return new TimestepDetail
        {
            RunId = runId,
            Timestep = summary.Timestep,
            GlobalStep = summary.GlobalStep,
            Count = summary.Count,
            Mean = summary.Mean,
            Std = summary.Std,
            Min = summary.Min,
            Max = summary.Max,
            NonFinite = summary.NonFinite,
            WallTime = summary.WallTime,
            Losses = [.. Values],
        };
    }

}
