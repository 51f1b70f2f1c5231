using System.IO.Enumeration;
using Ingestor.Sources.LogDirectory.Files;
using Ingestor.Sources.LogDirectory.Health;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// One listing of a plugin output directory, with every file it cares about classified by name. Listing uses the
/// file-system enumerator's entries directly (one stat per file, no FileInfo per entry), and remembers the
/// modification times of the directories it listed so that an unchanged directory need not be listed again.
/// </summary>
public sealed class DirectoryListing
{
    private static readonly EnumerationOptions Options = new() { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };

    public SortedDictionary<DateTime, FileEntry> Losses { get; } = [];

    public Dictionary<DateTime, FileEntry> Summaries { get; } = [];

    /// <summary>The latest timestep with a loss log, <see cref="DateTime.MinValue"/> when there is none.</summary>
    public DateTime NewestLoss { get; private set; } = DateTime.MinValue;

    public List<(DateTime Start, FileEntry File)> Checkpoints { get; } = [];

    public List<ExperimentEntry> Experiments { get; } = [];

    public Dictionary<string, FileEntry> ByPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Each listed directory and its modification time (ticks) just before it was listed.</summary>
    public Dictionary<string, long> DirectoryStamps { get; } = new(StringComparer.Ordinal);

    public DateTime ListedAtUtc { get; private init; }

    /// <summary>Paths with a name the source reads that it did not take, and why (<see cref="Health.SkipReasons"/>).</summary>
    public List<(string Path, string Reason)> Rejected { get; } = [];

    /// <summary>Entries taken without a look while listing (<see cref="Read"/>'s knownFiles); not kept after it.</summary>
    private Dictionary<string, FileEntry>? _knownFiles;

    /// <summary>Where each loss log and summary sits in <see cref="Losses"/> and <see cref="Summaries"/>.</summary>
    private readonly Dictionary<string, (LogFileKind Kind, DateTime Timestamp)> _timestampByPath = new(StringComparer.Ordinal);

    /// <summary>
    /// Lists <paramref name="root"/>. Only regular files are taken: a FIFO, socket or device is rejected, and a
    /// symbolic link (to a file or to a <c>runs/</c> or experiment directory) only when it is not followed or leads
    /// outside the root. A followed link is read as its target, under its own name.
    /// </summary>
    /// <param name="knownFiles">
    /// A listing of the same directory whose file entries are taken as they are for the paths it holds, so that only
    /// new paths are looked at (a new timestep among ten thousand): the caller refreshes the files that can change.
    /// </param>
    public static DirectoryListing Read(string root, bool followLinks = true, DirectoryListing? knownFiles = null)
    {
        var listing = new DirectoryListing { ListedAtUtc = DateTime.UtcNow, _knownFiles = knownFiles?.ByPath };
        var realRoot = FileTypes.RealPath(root) ?? root;
        listing.DirectoryStamps[root] = Directory.GetLastWriteTimeUtc(root).Ticks;
        var runs = Path.Combine(root, LogFileName.RunsDirectory);
        var hasRuns = false;
        var entries = new FileSystemEnumerable<(LogFileKind Kind, DateTime Timestamp, string Path)?>(root,
            (ref entry) => LogFileName.TryParse(entry.FileName, out var kind, out var timestamp) ? (kind, timestamp, entry.ToFullPath()) : null, Options)
        {
            ShouldIncludePredicate = (ref entry) =>
            {
                if (entry.IsDirectory)
                {
                    hasRuns |= entry.FileName.SequenceEqual(LogFileName.RunsDirectory);
                    return false;
                }
                return true;
            },
        };
        foreach (var item in entries)
        {
            if (item is not var (kind, timestamp, path) || listing.Admit(path, realRoot, followLinks, FileType.Regular) is not { } file)
            {
                continue;
            }
            listing.ByPath[file.Path] = file;
            listing._timestampByPath[file.Path] = (kind, timestamp);
            switch (kind)
            {
                case LogFileKind.Losses:
                    listing.Losses[timestamp] = file;
                    listing.NewestLoss = timestamp > listing.NewestLoss ? timestamp : listing.NewestLoss;
                    break;
                case LogFileKind.Summary: listing.Summaries[timestamp] = file; break;
                default: listing.Checkpoints.Add((timestamp, file)); break;
            }
        }
        if (hasRuns && listing.Admit(runs, realRoot, followLinks, FileType.Directory) is not null)
        {
            listing.ReadExperiments(runs, realRoot, followLinks);
        }
        listing._knownFiles = null;
        return listing;
    }

    /// <summary>The entry of <paramref name="path"/> when it is a <paramref name="wanted"/> the source may read; null, and a rejection, when not.</summary>
    private FileEntry? Admit(string path, string realRoot, bool followLinks, FileType wanted)
    {
        if (wanted == FileType.Regular && _knownFiles is not null && _knownFiles.TryGetValue(path, out var known))
        {
            return known;
        }
        var status = FileTypes.Stat(path);
        if (status.Type == FileType.SymbolicLink)
        {
            if (!followLinks)
            {
                Rejected.Add((path, SkipReasons.SymbolicLink));
                return null;
            }
            var target = FileTypes.RealPath(path) ?? "";
            if (target.Length == 0 || !FileTypes.IsWithin(target, realRoot))
            {
                Rejected.Add((path, target.Length == 0 ? SkipReasons.NotARegularFile : SkipReasons.LinkOutsideDirectory));
                return null;
            }
            status = FileTypes.Stat(target);
        }
        if (status.Type != wanted)
        {
            if (status.Type != FileType.Missing)
            {
                Rejected.Add((path, SkipReasons.NotARegularFile));
            }
            return null;
        }
        return wanted == FileType.Directory ? new FileEntry(path, 0, 0) : new FileEntry(path, status.Length, status.LastWriteTicks);
    }

    private void ReadExperiments(string runs, string realRoot, bool followLinks)
    {
        DirectoryStamps[runs] = Directory.GetLastWriteTimeUtc(runs).Ticks;
        foreach (var experiment in Directory.EnumerateDirectories(runs).Order(StringComparer.Ordinal))
        {
            if (Admit(experiment, realRoot, followLinks, FileType.Directory) is null)
            {
                continue;
            }
            DirectoryStamps[experiment] = Directory.GetLastWriteTimeUtc(experiment).Ticks;
            var names = new FileSystemEnumerable<string>(experiment, (ref entry) => entry.ToFullPath(), Options)
            {
                ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && entry.FileName.StartsWith(LogFileName.EventFilePrefix),
            };
            List<FileEntry> files = [];
            foreach (var path in names.Order(StringComparer.Ordinal))
            {
                if (Admit(path, realRoot, followLinks, FileType.Regular) is { } file)
                {
                    files.Add(file);
                    ByPath[file.Path] = file;
                }
            }
            var name = Path.GetFileName(experiment);
            DateTime? start = LogFileName.TryParseExperiment(name, out var parsed) ? parsed : null;
            Experiments.Add(new ExperimentEntry(name, start, files));
        }
    }

    /// <summary>
    /// True when no listed directory changed since it was listed, so no file was added, removed or renamed.
    /// A directory modified within <paramref name="coarseness"/> of the listing may have changed in the same
    /// timestamp tick (network file systems keep whole seconds), so it counts as changed.
    /// </summary>
    public bool DirectoriesUnchanged(string root, TimeSpan coarseness)
    {
        var runs = Path.Combine(root, LogFileName.RunsDirectory);
        if (!DirectoryStamps.ContainsKey(runs) && Directory.Exists(runs))
        {
            return false;
        }
        foreach (var (directory, stamp) in DirectoryStamps)
        {
            var now = Directory.GetLastWriteTimeUtc(directory);
            if (now.Ticks != stamp || now >= ListedAtUtc - coarseness || now.Year < 1700)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>How many times <see cref="Refresh"/> found a file changed since this listing was read.</summary>
    public int Version { get; private set; }

    /// <summary>Takes the current length and time of a file in place of the listed ones; false when it is gone.</summary>
    public bool Refresh(string path)
    {
        // A followed link is refreshed through its target (FileInfo follows links for length and time).
        var info = new FileInfo(path);
        if (!info.Exists || !ByPath.TryGetValue(path, out var listed))
        {
            return false;
        }
        var now = listed with { Length = info.Length, LastWriteTicks = info.LastWriteTimeUtc.Ticks };
        if (now == listed)
        {
            return true;
        }
        ByPath[path] = now;
        Version++;
        if (_timestampByPath.TryGetValue(path, out var place) && place.Kind != LogFileKind.Checkpoint)
        {
            (place.Kind == LogFileKind.Losses ? (IDictionary<DateTime, FileEntry>)Losses : Summaries)[place.Timestamp] = now;
            return true;
        }
        for (var i = 0; i < Checkpoints.Count; i++)
        {
            if (Checkpoints[i].File.Path == path)
            {
                Checkpoints[i] = (Checkpoints[i].Start, now);
                return true;
            }
        }
        foreach (var experiment in Experiments)
        {
            var index = experiment.EventFiles.FindIndex(f => f.Path == path);
            if (index >= 0)
            {
                experiment.EventFiles[index] = now;
                return true;
            }
        }
        return true;
    }
}
