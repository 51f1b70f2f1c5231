using System.IO.Enumeration;
using Ingestor.Sources.LogDirectory.Files;

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

    public List<(DateTime Start, FileEntry File)> Checkpoints { get; } = [];

    public List<ExperimentEntry> Experiments { get; } = [];

    public Dictionary<string, FileEntry> ByPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Each listed directory and its modification time (ticks) just before it was listed.</summary>
    public Dictionary<string, long> DirectoryStamps { get; } = new(StringComparer.Ordinal);

    public DateTime ListedAtUtc { get; private init; }

    /// <summary>Where each loss log and summary sits in <see cref="Losses"/> and <see cref="Summaries"/>.</summary>
    private readonly Dictionary<string, (LogFileKind Kind, DateTime Timestamp)> _timestampByPath = new(StringComparer.Ordinal);

    public static DirectoryListing Read(string root)
    {
        var listing = new DirectoryListing { ListedAtUtc = DateTime.UtcNow };
        listing.DirectoryStamps[root] = Directory.GetLastWriteTimeUtc(root).Ticks;
        var runs = Path.Combine(root, LogFileName.RunsDirectory);
        var hasRuns = false;
        var entries = new FileSystemEnumerable<(LogFileKind Kind, DateTime Timestamp, FileEntry File)?>(root, Classify, Options)
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
            if (item is not var (kind, timestamp, file))
            {
                continue;
            }
            listing.ByPath[file.Path] = file;
            listing._timestampByPath[file.Path] = (kind, timestamp);
            switch (kind)
            {
                case LogFileKind.Losses: listing.Losses[timestamp] = file; break;
                case LogFileKind.Summary: listing.Summaries[timestamp] = file; break;
                default: listing.Checkpoints.Add((timestamp, file)); break;
            }
        }
        if (hasRuns)
        {
            listing.ReadExperiments(runs);
        }
        return listing;
    }

    private static (LogFileKind, DateTime, FileEntry)? Classify(ref FileSystemEntry entry) =>
        LogFileName.TryParse(entry.FileName, out var kind, out var timestamp)
            ? (kind, timestamp, new FileEntry(entry.ToFullPath(), entry.Length, entry.LastWriteTimeUtc.UtcTicks))
            : null;

    private void ReadExperiments(string runs)
    {
        DirectoryStamps[runs] = Directory.GetLastWriteTimeUtc(runs).Ticks;
        foreach (var experiment in Directory.EnumerateDirectories(runs).Order(StringComparer.Ordinal))
        {
            DirectoryStamps[experiment] = Directory.GetLastWriteTimeUtc(experiment).Ticks;
            var files = new FileSystemEnumerable<FileEntry>(experiment,
                (ref entry) => new FileEntry(entry.ToFullPath(), entry.Length, entry.LastWriteTimeUtc.UtcTicks), Options)
            {
                ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && entry.FileName.StartsWith(LogFileName.EventFilePrefix),
            }.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            foreach (var file in files)
            {
                ByPath[file.Path] = file;
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

    /// <summary>Takes the current length and time of a file in place of the listed ones; false when it is gone.</summary>
    public bool Refresh(string path)
    {
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
