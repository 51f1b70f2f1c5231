using Ingestor.Sources.LogDirectory.Files;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>Which run each of the directory's files feeds.</summary>
public sealed partial class DirectoryScanner
{
    /// <summary>
    /// The directory's run is named by the simulation start: the <c>net_&lt;start&gt;.pth</c> checkpoint's, else the
    /// newest <c>runs/experiment_&lt;start&gt;</c> not after the first loss log, else the first loss log's timestamp, else
    /// (a TensorBoard run with no plugin files) the creation time in the name of its own first event file. It stays
    /// fixed until the directory is recreated.
    /// </summary>
    private void ChooseDirectoryRun(DirectoryListing listing)
    {
        if (Current.DirectoryRunId is not null)
        {
            return;
        }

        DateTime? start = null;
        if (listing.Checkpoints.Count > 0)
        {
            start = listing.Checkpoints.MaxBy(c => c.File.LastWriteTicks).Start;
        }
        else
        {
            DateTime? earliest = listing.Losses.Count > 0 ? listing.Losses.Keys.First() : null;
            if (listing.Summaries.Count > 0 && (earliest is null || listing.Summaries.Keys.Min() < earliest))
            {
                earliest = listing.Summaries.Keys.Min();
            }
            var experiment = listing.Experiments
                .Where(e => e.Start is not null && e.SubPath.Length == 0 && (earliest is null || e.Start <= earliest))
                .Max(e => e.Start);
            start = experiment ?? earliest;
        }
        if (start is null && listing.Experiments is [{ IsRoot: true } root, ..])
        {
            // A TensorBoard run in the directory itself, with no plugin files: named by when its first event file was made.
            start = LogFileName.TryParseEventFileTime(Path.GetFileName(root.EventFiles[0].Path), out var created) ? created : null;
        }
        if (start is not { } simulationStart)
        {
            return;
        }

        var runId = RunNaming.ForSimulation(_name, simulationStart);
        var candidate = runId;
        for (var generation = 2; _usedRunIds.Contains(candidate); generation++)
        {
            candidate = runId + RunNaming.GenerationSeparator + generation;
        }
        _usedRunIds.Add(candidate);
        Current.DirectoryRunId = candidate;
        Current.Start = simulationStart;
        RunStarted(Root, candidate);
    }

    /// <summary>
    /// The run a run directory feeds. The directory itself and <c>runs/experiment_&lt;start&gt;</c> of the simulation's
    /// start feed the directory's run; another <c>runs/experiment_&lt;start&gt;</c> is that simulation's run and any other
    /// <c>runs/&lt;name&gt;</c> is <c>{directory}@{name}</c>; a directory below one of these (<c>add_scalars</c>) is its
    /// run's id and the path below; any other run directory is <c>{directory}@{path}</c>, as TensorBoard names it.
    /// </summary>
    private string RunIdOf(RunDirectoryEntry entry)
    {
        if (Current.RunIds.TryGetValue(entry.RelativePath, out var known))
        {
            return known;
        }
        string runId;
        if (entry.IsRoot)
        {
            runId = Current.DirectoryRunId ?? RunNaming.ForExperiment(_name, ".");
        }
        else if (entry.Experiment is not { } experiment)
        {
            runId = RunNaming.ForExperiment(_name, entry.RelativePath);
        }
        else
        {
            runId = entry.Start is { } start && start == Current.Start && Current.DirectoryRunId is { } own ? own
                : entry.Start is { } other ? RunNaming.ForSimulation(_name, other)
                : RunNaming.ForExperiment(_name, experiment);
            if (entry.SubPath.Length > 0)
            {
                runId = RunNaming.Below(runId, entry.SubPath);
            }
        }
        if (runId != Current.DirectoryRunId)
        {
            // An earlier generation of the directory (deleted and written again) fed this id: its run keeps its history,
            // and the new one is told apart as the directory's own run is.
            var candidate = runId;
            for (var generation = 2; _usedRunIds.Contains(candidate); generation++)
            {
                candidate = runId + RunNaming.GenerationSeparator + generation;
            }
            runId = candidate;
        }
        _usedRunIds.Add(runId);
        Current.RunIds[entry.RelativePath] = runId;
        return runId;
    }
}
