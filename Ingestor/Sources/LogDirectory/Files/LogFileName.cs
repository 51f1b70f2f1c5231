using System.Globalization;
using Contracts.Analytics;

namespace Ingestor.Sources.LogDirectory.Files;

/// <summary>Recognises the plugin's file names and the timestamp in them (<c>log_2022-01-01 06:30:00.txt</c>).</summary>
public static class LogFileName
{
    public const string ExperimentPrefix = "experiment_";
    public const string EventFilePrefix = "events.out.tfevents.";
    public const string RunsDirectory = "runs";

    public static bool TryParse(ReadOnlySpan<char> fileName, out LogFileKind kind, out DateTime timestamp)
    {
        timestamp = default;
        kind = default;
        ReadOnlySpan<char> stamp;
        if (fileName.StartsWith("log_") && fileName.EndsWith(".txt"))
        {
            kind = LogFileKind.Losses;
            stamp = fileName[4..^4];
        }
        else if (fileName.StartsWith("summary_") && fileName.EndsWith(".txt"))
        {
            kind = LogFileKind.Summary;
            stamp = fileName[8..^4];
        }
        else if (fileName.StartsWith("net_") && fileName.EndsWith(".pth"))
        {
            kind = LogFileKind.Checkpoint;
            stamp = fileName[4..^4];
        }
        else
        {
            return false;
        }

        if (TimestepFormat.TryParse(stamp, out var parsed))
        {
            timestamp = parsed.Value;
            return true;
        }
        return false;
    }

    /// <summary><c>experiment_&lt;start&gt;</c> → the start; false for any other directory name.</summary>
    public static bool TryParseExperiment(ReadOnlySpan<char> directoryName, out DateTime start)
    {
        start = default;
        if (directoryName.StartsWith(ExperimentPrefix) && TimestepFormat.TryParse(directoryName[ExperimentPrefix.Length..], out var parsed))
        {
            start = parsed.Value;
            return true;
        }
        return false;
    }

    /// <summary>
    /// <c>events.out.tfevents.&lt;seconds&gt;.&lt;host&gt;...</c> → when the writer made the file (UTC, whole seconds), as
    /// every TensorBoard writer names it; false for a name without that time.
    /// </summary>
    public static bool TryParseEventFileTime(ReadOnlySpan<char> fileName, out DateTime created)
    {
        created = default;
        if (!fileName.StartsWith(EventFilePrefix))
        {
            return false;
        }
        var rest = fileName[EventFilePrefix.Length..];
        var dot = rest.IndexOf('.');
        // Up to 9999-12-31T23:59:59, the last second a DateTime holds.
        if (!long.TryParse(dot < 0 ? rest : rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253_402_300_799)
        {
            return false;
        }
        created = DateTime.UnixEpoch.AddSeconds(seconds);
        return true;
    }
}
