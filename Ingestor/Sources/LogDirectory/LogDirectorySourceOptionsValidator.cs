using Microsoft.Extensions.Options;

namespace Ingestor.Sources.LogDirectory;

/// <summary>Rejects settings that would misbehave, naming each key as its environment variable.</summary>
public sealed class LogDirectorySourceOptionsValidator : IValidateOptions<LogDirectorySourceOptions>
{
    private const string Prefix = LogDirectorySourceOptions.SectionName + "__";

    public ValidateOptionsResult Validate(string? name, LogDirectorySourceOptions options)
    {
        var failures = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Directories.Length; i++)
        {
            var directory = options.Directories[i];
            if (string.IsNullOrWhiteSpace(directory) || !Path.IsPathFullyQualified(directory))
            {
                failures.Add($"{Prefix}Directories__{i} must be an absolute directory path (was '{directory}').");
                continue;
            }
            var runName = RunNaming.DirectoryName(directory);
            if (names.TryGetValue(runName, out var other))
            {
                failures.Add($"{Prefix}Directories__{i} and {Prefix}Directories__{other} have the same name '{runName}', " +
                    "which run ids are made of; give the directories distinct names (a symbolic link will do).");
            }
            names[runName] = i;
        }

        var configured = options.Directories.Where(d => !string.IsNullOrWhiteSpace(d)).Select(Normalized).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.IgnoreEventFilesIn.Length; i++)
        {
            var directory = options.IgnoreEventFilesIn[i];
            if (string.IsNullOrWhiteSpace(directory) || !Path.IsPathFullyQualified(directory) || !configured.Contains(Normalized(directory)))
            {
                failures.Add($"{Prefix}IgnoreEventFilesIn__{i} must name one of the {Prefix}Directories__N (was '{directory}').");
            }
        }
        if (options.MaxRunDepth < 0 || options.MaxRunDepth > LogDirectorySourceOptions.MaxMaxRunDepth)
        {
            failures.Add($"{Prefix}MaxRunDepth must be a whole number from 0 to {LogDirectorySourceOptions.MaxMaxRunDepth} (was {options.MaxRunDepth}).");
        }

        Positive(options.RescanInterval, "RescanInterval", failures);
        Positive(options.FullListingInterval, "FullListingInterval", failures);
        if (options.ActiveWindow < TimeSpan.FromSeconds(1) || options.ActiveWindow > TimeSpan.FromDays(7))
        {
            failures.Add($"{Prefix}ActiveWindow must be between 00:00:01 and 7.00:00:00 (was {options.ActiveWindow}).");
        }
        Positive(options.RedisFlushInterval, "RedisFlushInterval", failures);
        if (options.EventSettleDelay < TimeSpan.Zero || options.EventSettleDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Prefix}EventSettleDelay must be between 00:00:00 and 00:00:10 (was {options.EventSettleDelay}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The same directory however it was written: trailing separators and <c>.</c>/<c>..</c> segments do not matter.</summary>
    public static string Normalized(string directory)
    {
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        }
        catch (ArgumentException)
        {
            return directory;
        }
    }

    private static void Positive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}{key} must be a duration above 00:00:00 and at most 01:00:00 (was {value}).");
        }
    }
}
