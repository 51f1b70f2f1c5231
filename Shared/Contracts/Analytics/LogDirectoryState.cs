namespace Contracts.Analytics;

/// <summary>
/// One configured directory: whether it exists, the run it feeds now, the last error reading it, and how much of
/// its input was skipped, by reason (<c>malformed_line</c>, <c>corrupt_record</c>, <c>bad_event</c>,
/// <c>wall_time_out_of_range</c>, <c>step_out_of_range</c>), and how far the read of what it held at start is.
/// </summary>
public sealed record LogDirectoryState(string Path, bool Exists, string? CurrentRunId, int Files, string? LastError)
{
    public IReadOnlyDictionary<string, long> Skipped { get; init; } = new Dictionary<string, long>();

    public InitialRead? InitialRead { get; init; }
}
