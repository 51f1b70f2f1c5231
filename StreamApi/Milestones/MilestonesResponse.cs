namespace StreamApi.Milestones;

public sealed record MilestonesResponse(string RunId, MilestoneEntry[] Milestones);
