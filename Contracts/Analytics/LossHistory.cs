namespace Contracts.Analytics;

/// <summary>The last <see cref="Limit"/> timesteps, oldest first; the answer of <c>/api/loss/history</c>.</summary>
public sealed record LossHistory(string RunId, int Limit, TimestepSummary[] Timesteps);
