namespace StreamApi.Milestones;

/// <summary>A named point of a run: the row's metric, step and time, and its <c>milestone</c> tag.</summary>
public sealed record MilestoneEntry(
    string Metric, long Step, DateTimeOffset Time, string Name);
