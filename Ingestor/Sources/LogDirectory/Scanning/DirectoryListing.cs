using Ingestor.Sources.LogDirectory.Files;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>One listing of a plugin output directory, with every file it cares about classified by name.</summary>
public sealed class DirectoryListing
{
    public SortedDictionary<DateTime, FileEntry> Losses { get; } = [];

    public Dictionary<DateTime, FileEntry> Summaries { get; } = [];

    public List<(DateTime Start, FileEntry File)> Checkpoints { get; } = [];

    public List<ExperimentEntry> Experiments { get; } = [];

    public Dictionary<string, FileEntry> ByPath { get; } = new(StringComparer.Ordinal);

    public static DirectoryListing Read(string root)
    {
        var listing = new DirectoryListing();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos())
        {
            if (entry is FileInfo file && LogFileName.TryParse(file.Name, out var kind, out var timestamp))
            {
                var fileEntry = FileEntry.Of(file);
                listing.ByPath[fileEntry.Path] = fileEntry;
                switch (kind)
                {
                    case LogFileKind.Losses: listing.Losses[timestamp] = fileEntry; break;
                    case LogFileKind.Summary: listing.Summaries[timestamp] = fileEntry; break;
                    default: listing.Checkpoints.Add((timestamp, fileEntry)); break;
                }
            }
            else if (entry is DirectoryInfo directory && directory.Name == LogFileName.RunsDirectory)
            {
                listing.ReadExperiments(directory);
            }
        }
        return listing;
    }

    private void ReadExperiments(DirectoryInfo runs)
    {
        foreach (var experiment in runs.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var files = new List<FileEntry>();
            foreach (var file in experiment.EnumerateFiles(LogFileName.EventFilePrefix + "*").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var entry = FileEntry.Of(file);
                files.Add(entry);
                ByPath[entry.Path] = entry;
            }
            DateTime? start = LogFileName.TryParseExperiment(experiment.Name, out var parsed) ? parsed : null;
            Experiments.Add(new ExperimentEntry(experiment.Name, start, files));
        }
    }
}
