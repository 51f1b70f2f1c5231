using System.IO.Enumeration;
using Ingestor.Sources.LogDirectory.Files;
using Ingestor.Sources.LogDirectory.Health;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>The TensorBoard run directories below the configured one, found as TensorBoard finds them.</summary>
public sealed partial class DirectoryListing
{
    private const string RunsPrefix = LogFileName.RunsDirectory + "/";

    /// <summary>Every directory looked into, by path; the next listing reuses those whose time has not changed.</summary>
    private readonly Dictionary<string, DirectoryNode> _nodes = new(StringComparer.Ordinal);

    /// <summary>The run directory each event file is listed in, so refreshing a file does not search every run.</summary>
    private readonly Dictionary<string, RunDirectoryEntry> _runDirectoryByEventFile = new(StringComparer.Ordinal);

    /// <summary>
    /// Lists <paramref name="directory"/> (at <paramref name="depth"/> below the root) and the directories below it. One
    /// level past <see cref="ListingRules.MaxRunDepth"/> a directory is only looked at for event files, so that run
    /// directories there are counted and logged rather than missed in silence; nothing deeper is looked at.
    /// </summary>
    private void Walk(string directory, string relativePath, int depth, string realRoot)
    {
        if (Admit(directory, realRoot, FileType.Directory, out var linkTarget) is not { } entry)
        {
            return;
        }
        if (linkTarget is not null && FileTypes.RealPath(Path.GetDirectoryName(directory)!) is { } realParent && FileTypes.IsWithin(realParent, linkTarget))
        {
            // A link to a directory it lies in would list the same tree again and again.
            return;
        }
        if (depth > _rules.MaxRunDepth)
        {
            if (ReadNode(directory, entry.LastWriteTicks, withSubdirectories: false).EventFileNames.Length > 0)
            {
                Rejected.Add((directory, SkipReasons.BeyondMaxRunDepth));
            }
            return;
        }

        DirectoryStamps[directory] = entry.LastWriteTicks;
        var node = ReadNode(directory, entry.LastWriteTicks, withSubdirectories: true);
        AddRunDirectory(directory, relativePath, node.EventFileNames, realRoot);
        foreach (var subdirectory in node.Subdirectories)
        {
            Walk(Path.Combine(directory, subdirectory), relativePath + "/" + subdirectory, depth + 1, realRoot);
        }
    }

    /// <summary>
    /// The event files and subdirectories of <paramref name="directory"/>: those the previous listing saw when its time
    /// is still the one that listing saw (and old enough to trust), else read now.
    /// </summary>
    private DirectoryNode ReadNode(string directory, long stamp, bool withSubdirectories)
    {
        if (_known is not null && _known._nodes.TryGetValue(directory, out var previous) && previous.Stamp == stamp
            && stamp < (_known.ListedAtUtc - TimestampCoarseness).Ticks)
        {
            _nodes[directory] = previous;
            return previous;
        }

        List<string> eventFiles = [];
        List<string> subdirectories = [];
        var entries = new FileSystemEnumerable<(string Name, bool IsDirectory)>(directory, (ref entry) => (entry.FileName.ToString(), entry.IsDirectory), Options)
        {
            ShouldIncludePredicate = (ref entry) => entry.IsDirectory ? withSubdirectories : entry.FileName.StartsWith(LogFileName.EventFilePrefix),
        };
        try
        {
            foreach (var (name, isDirectory) in entries)
            {
                (isDirectory ? subdirectories : eventFiles).Add(name);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Removed while the tree was listed: the next listing does not find it.
            return new DirectoryNode(stamp, [], []);
        }
        eventFiles.Sort(StringComparer.Ordinal);
        subdirectories.Sort(StringComparer.Ordinal);
        var node = new DirectoryNode(stamp, [.. eventFiles], [.. subdirectories]);
        _nodes[directory] = node;
        return node;
    }

    /// <summary>
    /// A run directory when <paramref name="eventFileNames"/> hold an event file the source may read; its files in
    /// name order, which is the order their writers created them in (the name holds the creation time).
    /// </summary>
    private void AddRunDirectory(string directory, string relativePath, IEnumerable<string> eventFileNames, string realRoot)
    {
        List<FileEntry> files = [];
        foreach (var name in eventFileNames.Order(StringComparer.Ordinal))
        {
            if (Admit(Path.Combine(directory, name), realRoot, FileType.Regular) is { } file)
            {
                files.Add(file);
                ByPath[file.Path] = file;
            }
        }
        if (files.Count == 0)
        {
            return;
        }
        var entry = Describe(relativePath, files);
        Experiments.Add(entry);
        foreach (var file in files)
        {
            _runDirectoryByEventFile[file.Path] = entry;
        }
    }

    /// <summary>Below <c>runs/</c>, the experiment directory a run directory lies in, its start and the path below it.</summary>
    private static RunDirectoryEntry Describe(string relativePath, List<FileEntry> files)
    {
        if (!relativePath.StartsWith(RunsPrefix, StringComparison.Ordinal))
        {
            return new RunDirectoryEntry(relativePath, files);
        }
        var belowRuns = relativePath[RunsPrefix.Length..];
        var slash = belowRuns.IndexOf('/');
        var experiment = slash < 0 ? belowRuns : belowRuns[..slash];
        return new RunDirectoryEntry(relativePath, files)
        {
            Experiment = experiment,
            Start = LogFileName.TryParseExperiment(experiment, out var start) ? start : null,
            SubPath = slash < 0 ? "" : belowRuns[(slash + 1)..],
        };
    }
}
