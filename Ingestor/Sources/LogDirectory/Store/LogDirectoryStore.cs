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

    public bool TryGet(string runId, out LogRun run) => _runs.TryGetValue(runId, out run!);

    /// <summary>Completes when something changed after the call.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void NotifyChanged() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
