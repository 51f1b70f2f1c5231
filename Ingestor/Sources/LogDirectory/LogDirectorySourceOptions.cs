using System.ComponentModel.DataAnnotations;
using ServiceDefaults.Settings;

namespace Ingestor.Sources.LogDirectory;

/// <summary>Settings of the ICON/ComIn and TensorBoard log-directory source, section <see cref="SectionName"/>.</summary>
public sealed class LogDirectorySourceOptions : IValidatableObject
{
    public const string SectionName = "LogDirectorySource";

    /// <summary>
    /// The plugin's output directories, one run each (plus one per foreign experiment under <c>runs/</c>), or TensorBoard
    /// logdirs (one run per directory in them that holds event files).
    /// Empty: the source is off. A directory that does not exist yet is watched for.
    /// </summary>
    public string[] Directories { get; set; } = [];

    /// <summary>
    /// Directories of <see cref="Directories"/> whose TensorBoard event files are not read (their loss logs, summaries
    /// and checkpoints still are): each names one of <see cref="Directories"/> (the same path; a trailing separator
    /// does not matter).
    /// </summary>
    public string[] IgnoreEventFilesIn { get; set; } = [];

    public const int DefaultMaxRunDepth = 8;
    public const int MaxMaxRunDepth = 64;

    /// <summary>
    /// How deep below a configured directory a TensorBoard run directory (one that holds event files) is looked for:
    /// 0 reads only the directory's own event files, 1 also <c>runs/</c>' own, 2 <c>lightning_logs/version_0</c> and
    /// <c>runs/experiment_&lt;start&gt;</c>, 3 <c>fit/&lt;time&gt;/train</c>.
    /// Event files deeper than this are not read; the directories holding them are counted and logged.
    /// </summary>
    [Range(0, MaxMaxRunDepth)]
    public int MaxRunDepth { get; set; } = DefaultMaxRunDepth;

    /// <summary>Every directory is listed again this often, whether or not file-system events came (HPC file systems often send none).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Between full listings a rescan only checks the directories' modification times and the files that can still
    /// grow, so an idle 10,000-file directory costs a few system calls; at least this often every file is listed
    /// (sooner when a file-system event names a file that is not one that can grow).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FullListingInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Read a symbolic link (to a loss log, an event file, <c>runs/</c> or an experiment directory) when its target lies
    /// inside the configured directory; a link leading outside is never followed. False: no link is followed.
    /// </summary>
    public bool FollowSymbolicLinks { get; set; } = true;

    /// <summary>
    /// Show each directory's absolute path in <c>/api/health</c>; false (the default) shows its name only, since that
    /// answer reaches anyone who can open the dashboard.
    /// </summary>
    public bool ShowPathsInHealth { get; set; }

    /// <summary>React to file-system events (inotify) as well as rescanning.</summary>
    public bool WatchFileSystem { get; set; } = true;

    /// <summary>After a file-system event, wait this long for more before reading, so a burst of writes is one scan.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan EventSettleDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>A run whose newest data is younger than this is active.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Full-resolution points and loss analytics are written to Redis at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RedisFlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Directories must be absolute and distinctly named (they make run ids); ignored ones must be configured ones.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Directories.Length; i++)
        {
            var directory = Directories[i];
            if (string.IsNullOrWhiteSpace(directory) || !Path.IsPathFullyQualified(directory))
            {
                yield return SettingProblem.Result($"{nameof(Directories)}__{i}", "must be an absolute directory path", directory);
                continue;
            }
            var runName = RunNaming.DirectoryName(directory);
            if (names.TryGetValue(runName, out var other))
            {
                yield return SettingProblem.Result($"{nameof(Directories)}__{i}",
                    $"must not have the name '{runName}' of {SectionName}__{nameof(Directories)}__{other}, since run ids are made of it; " +
                    "give the directories distinct names (a symbolic link will do)", directory);
            }
            names[runName] = i;
        }

        var configured = Directories.Where(d => !string.IsNullOrWhiteSpace(d)).Select(NormalizedDirectory).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < IgnoreEventFilesIn.Length; i++)
        {
            var directory = IgnoreEventFilesIn[i];
            if (string.IsNullOrWhiteSpace(directory) || !Path.IsPathFullyQualified(directory) || !configured.Contains(NormalizedDirectory(directory)))
            {
                yield return SettingProblem.Result($"{nameof(IgnoreEventFilesIn)}__{i}", $"must name one of the {SectionName}__{nameof(Directories)}__N", directory);
            }
        }
    }

    /// <summary>The same directory however it was written: trailing separators and <c>.</c>/<c>..</c> segments do not matter.</summary>
    public static string NormalizedDirectory(string directory)
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
}
