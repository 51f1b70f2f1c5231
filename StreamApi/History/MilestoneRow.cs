namespace StreamApi.History;

/// <summary>A row whose <c>tags_json</c> names its point: <c>{"milestone":"warmup done"}</c>.</summary>
public sealed record MilestoneRow(string Metric, long Step, long TimeMs, string Name);
