namespace Contracts.Analytics;

/// <summary>One configured directory: whether it exists, the run it feeds now, and the last error reading it.</summary>
public sealed record LogDirectoryState(string Path, bool Exists, string? CurrentRunId, int Files, string? LastError);
