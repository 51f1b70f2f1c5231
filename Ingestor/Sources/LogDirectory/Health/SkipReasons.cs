namespace Ingestor.Sources.LogDirectory.Health;

/// <summary>Why input was skipped: the keys of a directory's <c>skipped</c> counts in <c>/api/health</c> and the <c>kind</c> of the ingestor's source-error metric.</summary>
public static class SkipReasons
{
    /// <summary>A loss-log or summary line that is not a number, or not <c>Key: value</c>.</summary>
    public const string MalformedLine = "malformed_line";

    /// <summary>A TFRecord whose CRC does not match.</summary>
    public const string CorruptRecord = "corrupt_record";

    /// <summary>A record that is not a TensorBoard Event.</summary>
    public const string BadEvent = "bad_event";

    /// <summary>An event whose wall time is not finite, or not seconds since 1970 within years 1–9999 (milliseconds written as seconds).</summary>
    public const string WallTimeOutOfRange = "wall_time_out_of_range";

    /// <summary>An event whose step is beyond ±2^53 − 1, which a browser's number cannot hold exactly.</summary>
    public const string StepOutOfRange = "step_out_of_range";

    /// <summary>A FIFO, socket or device with a name the source reads (or a link to one, or a dangling link): never opened.</summary>
    public const string NotARegularFile = "not_a_regular_file";

    /// <summary>A symbolic link whose target lies outside the configured directory.</summary>
    public const string LinkOutsideDirectory = "link_outside_directory";

    /// <summary>A directory holding event files one level deeper than <c>LogDirectorySource__MaxRunDepth</c> (deeper ones are not looked at).</summary>
    public const string BeyondMaxRunDepth = "beyond_max_run_depth";

    /// <summary>A symbolic link, with <c>LogDirectorySource__FollowSymbolicLinks=false</c>.</summary>
    public const string SymbolicLink = "symbolic_link";
}
