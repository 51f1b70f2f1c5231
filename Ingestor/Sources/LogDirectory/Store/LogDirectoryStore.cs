namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// Everything the log-directory source has read, kept in memory so that Redis can be rewritten from it at any
/// time (Redis restarted, or was unreachable for a while). The scanner changes it and the Redis writer reads
/// it, both under <see cref="Sync"/>; <see cref="Changed"/> wakes the writer.
/// </summary>
public sealed class LogDirectoryStore
{
    private readonly Dictionary<string, LogRun> _runs = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Lock Sync { get; } = new();

    /// <summary>Run ids in the order they appeared. Read under <see cref="Sync"/>.</summary>
    public IEnumerable<LogRun> Runs => _runs.Values;

    public int RunCount => _runs.Count;

    public LogRun GetOrAdd(string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            run = new LogRun(runId);
            _runs.Add(runId, run);
        }
        return run;
    }

    /// <summary>
    /// Drops the runs that no directory's current files feed any more (their directory was recreated or removed) once
    /// they have been unreferenced for <paramref name="retention"/> and everything they hold is in Redis, where the
    /// dashboard reads them. Call under <see cref="Sync"/>; how many runs it dropped.
    /// </summary>
    public int EvictUnreferenced(IReadOnlySet<string> referenced, DateTimeOffset now, TimeSpan retention)
    {
        List<string>? evicted = null;
        foreach (var run in _runs.Values)
        {
            if (referenced.Contains(run.RunId))
            {
                run.UnreferencedSince = null;
                continue;
            }
            run.UnreferencedSince ??= now;
            if (now - run.UnreferencedSince >= retention && run.IsSettled)
            {
                (evicted ??= []).Add(run.RunId);
            }
        }
        foreach (var runId in evicted ?? [])
        {
            _runs.Remove(runId);
        }
        return evicted?.Count ?? 0;
    }

    public bool TryGet(string runId, out LogRun run) => _runs.TryGetValue(runId, out run!);

    /// <summary>Completes when something changed after the call.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void NotifyChanged() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
