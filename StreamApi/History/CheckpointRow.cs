namespace StreamApi.History;

/// <summary>A row of a <c>checkpoint_*</c> metric: a checkpoint was saved (or loaded) at this step.</summary>
public sealed record CheckpointRow(string Metric, long Step, long TimeMs, double Value, string Host, uint Rank, ushort Device);
