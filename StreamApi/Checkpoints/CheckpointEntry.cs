namespace StreamApi.Checkpoints;

/// <summary>One checkpoint event: a <c>checkpoint_*</c> metric row, or a rewrite of a log directory's checkpoint file.</summary>
public sealed record CheckpointEntry(string Metric, long Step, DateTimeOffset Time, double Value, string Host, uint Rank);
