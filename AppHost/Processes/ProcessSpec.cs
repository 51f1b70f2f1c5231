namespace AppHost.Processes;

/// <summary>What to run for one replica of a resource; built anew for every (re)start.</summary>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment);
