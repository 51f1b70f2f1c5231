namespace StreamApi.Checkpoints;

public sealed record CheckpointsResponse(string RunId, CheckpointEntry[] Checkpoints);
