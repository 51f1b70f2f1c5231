using System.IO.Enumeration;
using Ingestor.Sources.LogDirectory.Files;
using Ingestor.Sources.LogDirectory.Health;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// One listing of a configured directory: the plugin's files in it classified by name, and every TensorBoard run
/// directory (one that directly holds event files) in it and below, down to <see cref="ListingRules.MaxRunDepth"/>.
/// Listing uses the file-system enumerator's entries directly (one stat per file, no FileInfo per entry), and
/// remembers the modification times of the directories it listed so that an unchanged directory need not be listed
/// again.
/// </summary>
public sealed partial class DirectoryListing
{
    /// <summary>Directory modification times this close to a listing may hide a change (whole-second file systems).</summary>
    public static readonly TimeSpan TimestampCoarseness = TimeSpan.FromSeconds(2);

    private static readonly EnumerationOptions Options = new() { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };

    public SortedDictionary<DateTime, FileEntry> Losses { get; } = [];

    public Dictionary<DateTime, FileEntry> Summaries { get; } = [];

    /// <summary>The latest timestep with a loss log, <see cref="DateTime.MinValue"/> when there is none.</summary>
    public DateTime NewestLoss { get; private set; } = DateTime.MinValue;

    public List<(DateTime Start, FileEntry File)> Checkpoints { get; } = [];

    /// <summary>The TensorBoard run directories, in path order (the configured directory itself first when it is one).</summary>
    public List<RunDirectoryEntry> Experiments { get; } = [];

    public Dictionary<string, FileEntry> ByPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Each listed directory and its modification time (ticks) just before it was listed.</summary>
    public Dictionary<string, long> DirectoryStamps { get; } = new(StringComparer.Ordinal);

    public DateTime ListedAtUtc { get; private init; }

    /// <summary>Paths with a name the source reads that it did not take, and why (<see cref="Health.SkipReasons"/>).</summary>
    public List<(string Path, string Reason)> Rejected { get; } = [];

    /// <summary>Entries taken without a look while listing (<see cref="Read"/>'s knownFiles); not kept after it.</summary>
    private DirectoryListing? _known;

    private ListingRules _rules;

    /// <summary>Where each loss log and summary sits in <see cref="Losses"/> and <see cref="Summaries"/>.</summary>
    private readonly Dictionary<string, (LogFileKind Kind, DateTime Timestamp)> _timestampByPath = new(StringComparer.Ordinal);

    /// <summary>
    /// Lists <paramref name="root"/>. Only regular files are taken: a FIFO, socket or device is rejected, and a
    /// symbolic link (to a file or to a directory below the root) only when it is not followed or leads outside the
    /// root. A followed link is read as its target, under its own name.
    /// </summary>
    /// <param name="knownFiles">
    /// A listing of the same directory whose file entries are taken as they are for the paths it holds, and whose
    /// directories are not read again while their modification time is the one it saw, so that only new paths are
    /// looked at (a new timestep among ten thousand): the caller refreshes the files that can change.
    /// </param>
    public static DirectoryListing Read(string root, ListingRules rules, DirectoryListing? knownFiles = null)
    {
        var listing = new DirectoryListing { ListedAtUtc = DateTime.UtcNow, _known = knownFiles, _rules = rules };
        var realRoot = FileTypes.RealPath(root) ?? root;
        listing.DirectoryStamps[root] = Directory.GetLastWriteTimeUtc(root).Ticks;
        var walk = rules.ReadEventFiles;
        List<string> subdirectories = [];
        List<string> rootEventFiles = [];
        var entries = new FileSystemEnumerable<(string Path, bool IsDirectory)>(root,
            (ref entry) => (entry.ToFullPath(), entry.IsDirectory), Options)
        {
            ShouldIncludePredicate = (ref entry) => entry.IsDirectory
                ? walk
                : LogFileName.TryParse(entry.FileName, out _, out _) || (rules.ReadEventFiles && entry.FileName.StartsWith(LogFileName.EventFilePrefix)),
        };
        foreach (var (path, isDirectory) in entries)
        {
            if (isDirectory)
            {
                subdirectories.Add(path);
                continue;
            }
            if (!LogFileName.TryParse(Path.GetFileName(path.AsSpan()), out var kind, out var timestamp))
            {
                rootEventFiles.Add(path);
                continue;
            }
            if (listing.Admit(path, realRoot, FileType.Regular) is not { } file)
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
        listing.AddRunDirectory(root, "", [.. rootEventFiles.Select(Path.GetFileName).OfType<string>()], realRoot);
        foreach (var subdirectory in subdirectories.Order(StringComparer.Ordinal))
        {
            listing.Walk(subdirectory, Path.GetFileName(subdirectory), depth: 1, realRoot);
        }
        listing._known = null;
        return listing;
    }

    /// <summary>The entry of <paramref name="path"/> when it is a <paramref name="wanted"/> the source may read; null, and a rejection, when not.</summary>
    private FileEntry? Admit(string path, string realRoot, FileType wanted) => Admit(path, realRoot, wanted, out _);

    /// <param name="linkTarget">The real path a followed symbolic link leads to; null for a path that is not a link.</param>
    private FileEntry? Admit(string path, string realRoot, FileType wanted, out string? linkTarget)
    {
        linkTarget = null;
        if (wanted == FileType.Regular && _known is not null && _known.ByPath.TryGetValue(path, out var known))
        {
            return known;
        }
        var status = FileTypes.Stat(path);
        if (status.Type == FileType.SymbolicLink)
        {
            if (!_rules.FollowLinks)
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
            linkTarget = target;
        }
        if (status.Type != wanted)
        {
            if (status.Type != FileType.Missing)
            {
                Rejected.Add((path, SkipReasons.NotARegularFile));
            }
            return null;
        }
        return wanted == FileType.Directory ? new FileEntry(path, 0, status.LastWriteTicks) : new FileEntry(path, status.Length, status.LastWriteTicks);
    }

    /// <summary>
    /// True when no listed directory changed since it was listed, so no file was added, removed or renamed.
    /// A directory modified within <paramref name="coarseness"/> of the listing may have changed in the same
    /// timestamp tick (network file systems keep whole seconds), so it counts as changed.
    /// </summary>
    public bool DirectoriesUnchanged(TimeSpan coarseness)
    {
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
        if (_runDirectoryByEventFile.TryGetValue(path, out var runDirectory))
        {
            var index = runDirectory.EventFiles.FindIndex(f => f.Path == path);
            runDirectory.EventFiles[index] = now;
        }
        return true;
    }
}
