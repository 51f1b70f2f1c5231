using System.Collections.Concurrent;
using Contracts.Analytics;
using Contracts.Series;
using Ingestor.Model;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;

namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>
/// Reads one plugin output directory incrementally: an unchanged file is never opened again, a loss log is read
/// from the end of its last complete line and an event file from the end of its last complete record. Call
/// <see cref="Scan"/> under the store's lock; it never throws for bad content, only counts and logs it.
/// </summary>
public sealed partial class DirectoryScanner
{
    private const string Source = RunSource.LogDirectory;

    private readonly string _name;
    private readonly LogDirectoryStore _store;
    private readonly LogDirectoryHealthState _health;
    private readonly IngestorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly HashSet<string> _usedRunIds = new(StringComparer.Ordinal);
    private readonly TimeSpan _fullListingInterval;
    /// <summary>A loss line is a Python float repr (about 20 bytes); a line longer than this is malformed whatever it holds.</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>Loss logs are read at most this much at a time, so no file, however written, makes the buffer grow past it.</summary>
    private const int ReadChunkBytes = 1024 * 1024;

    private byte[] _buffer = new byte[64 * 1024];
    private string? _lastError;
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rejected = new(StringComparer.Ordinal);
    private readonly ListingRules _rules;
    private readonly bool _showPathInHealth;
    private DirectoryListing? _listing;
    private InitialRead? _initialRead;
    private DirectoryListing? _reusedListing;
    private long _lastFullListingMs;
    private int _scannedVersion = -1;
    private bool _settled;

    /// <summary>Paths named by file-system events since the last scan; past <see cref="MaxQueuedChanges"/>, only that something changed.</summary>
    private readonly ConcurrentQueue<string> _changedPaths = new();
    private const int MaxQueuedChanges = 4096;
    private int _unnamedChange;

    /// <param name="fullListingInterval">
    /// While no listed directory changed, a scan only looks again at the files that can still grow (the open
    /// timestep's log, event files, checkpoints); every directory is listed in full at least this often.
    /// </param>
    public DirectoryScanner(string root, LogDirectoryStore store, LogDirectoryHealthState health, IngestorMetrics metrics, ILogger logger,
        TimeSpan? fullListingInterval = null, bool followLinks = true, bool showPathInHealth = false, bool readEventFiles = true,
        int maxRunDepth = LogDirectorySourceOptions.DefaultMaxRunDepth)
    {
        _rules = new ListingRules(followLinks, readEventFiles, maxRunDepth);
        _showPathInHealth = showPathInHealth;
        _fullListingInterval = fullListingInterval ?? TimeSpan.FromMinutes(5);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _name = RunNaming.DirectoryName(Root);
        _store = store;
        _health = health;
        _metrics = metrics;
        _logger = logger;
        Report(Directory.Exists(Root));
    }

    public string Root { get; }

    public Generation Current { get; private set; } = new();

    /// <summary>The runs the directory's current files feed: its own run and its event files' runs.</summary>
    public void AddReferencedRuns(HashSet<string> runIds)
    {
        if (Current.DirectoryRunId is { } own)
        {
            runIds.Add(own);
        }
        foreach (var events in Current.Events.Values)
        {
            runIds.Add(events.RunId);
        }
    }

    public void Scan(ScanOutput output)
    {
        _lastError = null;
        if (!Directory.Exists(Root))
        {
            if (Current.FileCount > 0)
            {
                EndGeneration("the directory was removed");
                output.DirectoryReplaced = true;
            }
            Report(exists: false);
            return;
        }

        DirectoryListing listing;
        try
        {
            listing = List();
        }
        catch (DirectoryNotFoundException)
        {
            Report(exists: false);
            return;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ReadFailed(Root, exception);
            Report(exists: true);
            return;
        }

        if (ReferenceEquals(listing, _reusedListing) && listing.Version == _scannedVersion && _settled)
        {
            // Nothing that can grow changed and no directory did: the stages below would find nothing to do.
            return;
        }

        if (Current.FileCount > 0 && !AnyTrackedFileSurvives(listing))
        {
            EndGeneration("the directory was recreated");
            output.DirectoryReplaced = true;
        }

        ChooseDirectoryRun(listing);
        ReadSummaries(listing);
        ReadLosses(listing, output);
        CloseTimesteps(listing, output);
        ReadEventFiles(listing, output);
        ReadCheckpoints(listing, output);
        if (!ReferenceEquals(listing, _reusedListing))
        {
            ForgetVanishedFiles(listing);
        }
        SendRewrittenWhole(output);
        TrackInitialRead(listing, output);
        Report(exists: true);
        _scannedVersion = listing.Version;
        _settled = !output.MoreWork && _lastError is null && _initialRead is { Complete: true };
    }

    /// <summary>Set by the source while a file-system watcher reports this directory's changes by path.</summary>
    public bool WatchedByEvents { get; set; }

    /// <summary>
    /// A file-system event named <paramref name="path"/> (null: a change it cannot name, such as an overflow). Called
    /// from the watcher's thread; the next scan reads what was named.
    /// </summary>
    public void FileChanged(string? path)
    {
        if (path is null || _changedPaths.Count >= MaxQueuedChanges)
        {
            Volatile.Write(ref _unnamedChange, 1);
            return;
        }
        _changedPaths.Enqueue(path);
    }

    /// <summary>
    /// The listed files that events named since the last scan and that are not among those looked at anyway (a
    /// finished timestep's log rewritten in place changes no directory time); <paramref name="unnamed"/> when an event
    /// could not say what changed. New paths need nothing here: they change their directory's time.
    /// </summary>
    private List<string> TakeNamedChanges(out bool unnamed)
    {
        unnamed = Interlocked.Exchange(ref _unnamedChange, 0) == 1;
        List<string> named = [];
        HashSet<string>? growing = null;
        while (_changedPaths.TryDequeue(out var path))
        {
            if (_listing is { } listing && listing.ByPath.ContainsKey(path) && !(growing ??= GrowingFiles()).Contains(path) && !named.Contains(path))
            {
                named.Add(path);
            }
        }
        return named;
    }

    private HashSet<string> GrowingFiles() => new(GrowingFilePaths(), StringComparer.Ordinal);

    /// <summary>The files that can still grow: open timesteps' logs and summaries, event files, checkpoints.</summary>
    private IEnumerable<string> GrowingFilePaths()
    {
        foreach (var (timestamp, file) in Current.Losses)
        {
            if (!file.Closed)
            {
                yield return file.Entry.Path;
                if (Current.Summaries.TryGetValue(timestamp, out var summary))
                {
                    yield return summary.Entry.Path;
                }
            }
        }
        foreach (var path in Current.Events.Keys.Concat(Current.Checkpoints.Keys))
        {
            yield return path;
        }
    }

    /// <summary>Until a scan leaves no backlog, how much of the listing has been read; then frozen as complete.</summary>
    private void TrackInitialRead(DirectoryListing listing, ScanOutput output)
    {
        if (_initialRead is { Complete: true })
        {
            return;
        }
        long bytesListed = 0;
        foreach (var entry in listing.ByPath.Values)
        {
            bytesListed += entry.Length;
        }
        long bytesRead = 0;
        foreach (var file in Current.Losses.Values)
        {
            bytesRead += file.Offset;
        }
        foreach (var file in Current.Events.Values)
        {
            bytesRead += file.Offset;
        }
        foreach (var summary in Current.Summaries.Values)
        {
            bytesRead += summary.Entry.Length;
        }
        foreach (var checkpoint in Current.Checkpoints.Values)
        {
            bytesRead += checkpoint.Length;
        }
        var complete = !output.MoreWork;
        _initialRead = new InitialRead(complete, listing.ByPath.Count, complete ? listing.ByPath.Count : Current.FileCount,
            bytesListed, complete ? bytesListed : Math.Min(bytesRead, bytesListed));
    }

    /// <summary>
    /// The directory's listing: the last one again while no directory changed (the files that can grow, and any a
    /// file-system event named, looked at again); while events name every change, a new one that looks at new paths
    /// only when a file was added or removed; in full (every file looked at) every full-listing interval, when an
    /// event could not name what changed, and when a directory changed on a file system without events.
    /// </summary>
    private DirectoryListing List()
    {
        var now = Environment.TickCount64;
        var named = TakeNamedChanges(out var unnamed);
        var fullDue = _listing is null || unnamed || now - _lastFullListingMs >= _fullListingInterval.TotalMilliseconds;
        if (!fullDue && _listing is { } previous)
        {
            if (previous.DirectoriesUnchanged(DirectoryListing.TimestampCoarseness))
            {
                if (RefreshGrowingFiles(previous) && named.All(previous.Refresh))
                {
                    return _reusedListing = previous;
                }
            }
            else if (WatchedByEvents)
            {
                _reusedListing = null;
                var listing = DirectoryListing.Read(Root, _rules, knownFiles: previous);
                // A file may vanish between the listing and this look; the scan then finds it gone.
                RefreshGrowingFiles(listing);
                foreach (var path in named)
                {
                    listing.Refresh(path);
                }
                return Listed(listing);
            }
        }
        _reusedListing = null;
        _lastFullListingMs = now;
        return Listed(DirectoryListing.Read(Root, _rules));
    }

    private DirectoryListing Listed(DirectoryListing listing)
    {
        foreach (var (path, reason) in listing.Rejected)
        {
            // Counted and logged once per path: the next listing rejects it again.
            if (_rejected.Add(path))
            {
                Skip(reason);
                if (reason == SkipReasons.BeyondMaxRunDepth)
                {
                    RunDirectoryTooDeep(path, _rules.MaxRunDepth);
                }
                else
                {
                    FileRejected(path, reason);
                }
            }
        }
        return _listing = listing;
    }

    private bool RefreshGrowingFiles(DirectoryListing listing) => GrowingFilePaths().All(listing.Refresh);

    /// <summary>
    /// True when some tracked loss log or event file is still there with the content read from it. When none is
    /// (all gone, truncated, or different bytes where reading stopped), the plugin has recreated the directory.
    /// </summary>
    private bool AnyTrackedFileSurvives(DirectoryListing listing)
    {
        if (Current.Losses.Count + Current.Events.Count == 0)
        {
            return Current.Files().Any(f => listing.ByPath.ContainsKey(f.Path));
        }
        foreach (var file in Current.Losses.Values.Cast<TrackedFile>().Concat(Current.Events.Values))
        {
            if (listing.ByPath.TryGetValue(file.Entry.Path, out var now)
                && (now.SameStamp(file.Entry) || (now.Length >= file.Offset && HasSameContent(file))))
            {
                return true;
            }
        }
        return false;
    }

    private void EndGeneration(string reason)
    {
        NewGeneration(Root, Current.DirectoryRunId ?? "(none)", reason);
        Current = new Generation();
        _initialRead = null;
        _listing = null;
    }

    private void Emit(ScanOutput output, string runId, string metric, long step, long timeMs, double value)
    {
        var sample = new MetricSample(step, timeMs, value);
        Emitted(output, new SeriesKey(runId, metric), sample, _store.GetOrAdd(runId).Set(metric, sample));
    }

    /// <summary>A point the store has recorded goes to the sink; a series in which a held point changed goes whole.</summary>
    private static void Emitted(ScanOutput output, SeriesKey key, MetricSample sample, PointChange change)
    {
        output.Batch.Add(key, sample);
        if (change == PointChange.Replaced)
        {
            output.Rewritten.Add(key);
        }
    }

    /// <summary>A series with a point that changed goes to the sink whole: decimation can add points, not take them back.</summary>
    private void SendRewrittenWhole(ScanOutput output)
    {
        foreach (var key in output.Rewritten)
        {
            if (_store.TryGet(key.RunId, out var run) && run.Series.TryGetValue(key.Metric, out var series))
            {
                output.Batch.Replace(key, series.All());
            }
        }
    }

    private void ForgetVanishedFiles(DirectoryListing listing)
    {
        foreach (var key in Current.Losses.Where(p => !listing.ByPath.ContainsKey(p.Value.Entry.Path)).Select(p => p.Key).ToList())
        {
            Current.Losses.Remove(key);
        }
        foreach (var key in Current.Summaries.Where(p => !listing.ByPath.ContainsKey(p.Value.Entry.Path)).Select(p => p.Key).ToList())
        {
            Current.Summaries.Remove(key);
        }
        foreach (var key in Current.Events.Keys.Where(path => !listing.ByPath.ContainsKey(path)).ToList())
        {
            Current.Events.Remove(key);
        }
        foreach (var key in Current.Checkpoints.Keys.Where(path => !listing.ByPath.ContainsKey(path)).ToList())
        {
            Current.Checkpoints.Remove(key);
        }
    }

    private void CountError(string kind, long count = 1) =>
        _metrics.SourceErrors.Add(count, new KeyValuePair<string, object?>("source", Source), new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("directory", _name));

    /// <summary>Input skipped for <paramref name="reason"/> (<see cref="SkipReasons"/>): counted for this directory and in the metric.</summary>
    private void Skip(string reason, long count = 1)
    {
        _skipped[reason] = _skipped.GetValueOrDefault(reason) + count;
        CountError(reason, count);
    }

    private void ReadFailed(string path, Exception exception)
    {
        _lastError = $"{Path.GetFileName(path)}: {exception.Message}";
        CountError("read_error");
        FileReadFailed(path, exception);
    }

    private void Report(bool exists) =>
        _health.SetDirectory(Root, new LogDirectoryState(_showPathInHealth ? Root : _name, exists, Current.DirectoryRunId, Current.FileCount, _lastError)
        {
            Skipped = new Dictionary<string, long>(_skipped, StringComparer.Ordinal),
            InitialRead = _initialRead,
        });

    private static string Timestep(DateTime timestep) => TimestepFormat.Format(timestep);
}
