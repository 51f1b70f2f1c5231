using System.Collections.Concurrent;
using Contracts.Analytics;

namespace Ingestor.Sources.LogDirectory.Health;

/// <summary>Counters and per-directory state of the log-directory source, for <c>/health</c> and <c>/api/health</c>.</summary>
public sealed class LogDirectoryHealthState
{
    private readonly ConcurrentDictionary<string, LogDirectoryState> _directories = new(StringComparer.Ordinal);
    private long _malformedLines;
    private long _corruptRecords;
    private long _lastScanMs;
    private int _consecutiveFailedScans;

    public long MalformedLines => Interlocked.Read(ref _malformedLines);

    public long CorruptRecords => Interlocked.Read(ref _corruptRecords);

    public DateTimeOffset? LastScan => Interlocked.Read(ref _lastScanMs) is var ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Scans that threw since the last one that did not; the loop survives them, health shows them.</summary>
    public int ConsecutiveFailedScans => Volatile.Read(ref _consecutiveFailedScans);

    public bool Enabled { get; set; }

    public Exception? Fault { get; set; }

    public void AddMalformedLines(long count) => Interlocked.Add(ref _malformedLines, count);

    public void AddCorruptRecords(long count) => Interlocked.Add(ref _corruptRecords, count);

    public void ScanSucceeded(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _lastScanMs, at.ToUnixTimeMilliseconds());
        Volatile.Write(ref _consecutiveFailedScans, 0);
    }

    public void ScanFailed() => Interlocked.Increment(ref _consecutiveFailedScans);

    /// <summary>The state of the directory configured as <paramref name="root"/> (its state may show its name only).</summary>
    public void SetDirectory(string root, LogDirectoryState state) => _directories[root] = state;

    public LogDirectoryHealth Snapshot(int runs)
    {
        var directories = _directories.Values.OrderBy(d => d.Path, StringComparer.Ordinal).ToArray();
        var status = LastScan is null ? LogDirectoryHealth.Starting
            : ConsecutiveFailedScans > 0 || directories.Any(d => d.LastError is not null) ? LogDirectoryHealth.Degraded
            : LogDirectoryHealth.Healthy;
        return new LogDirectoryHealth
        {
            Status = status,
            Runs = runs,
            Files = directories.Sum(d => d.Files),
            MalformedLines = MalformedLines,
            CorruptRecords = CorruptRecords,
            LastScan = LastScan,
            Directories = directories,
        };
    }
}
