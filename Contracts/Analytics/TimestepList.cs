namespace Contracts.Analytics;

/// <summary>Every timestep of a run, oldest first; the answer of <c>/api/loss/timesteps</c>.</summary>
public sealed record TimestepList(string RunId, string[] Timesteps);
