using Contracts.Series;
using Ingestor.Model;
using Ingestor.Sources.LogDirectory.Files;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;

namespace Ingestor.Sources.LogDirectory.Scanning;

public sealed partial class DirectoryScanner
{
    private const int MaxSummaryBytes = 64 * 1024;

    private void ReadSummaries(DirectoryListing listing)
    {
        foreach (var (timestamp, entry) in listing.Summaries)
        {
            if (Current.Summaries.TryGetValue(timestamp, out var known) && known.Entry.SameStamp(entry))
            {
                continue;
            }
            if (!TryReadFrom(entry.Path, 0, MaxSummaryBytes, out var content))
            {
                continue;
            }
            var summary = SummaryFile.Parse(content.Span);
            if (summary.MalformedLines > 0 && known?.Summary.MalformedLines != summary.MalformedLines)
            {
                CountMalformed(entry.Path, summary.MalformedLines, "a line that is not 'Key: value'");
            }
            Current.Summaries[timestamp] = new SummaryState(entry, summary);
            if (Current.Losses.TryGetValue(timestamp, out var lossFile) && summary.GlobalStep is { } globalStep)
            {
                lossFile.Timestep.SummaryGlobalStep = globalStep;
                _store.GetOrAdd(Current.DirectoryRunId!).GetOrCreateLoss().MarkChanged(lossFile.Timestep);
            }
        }
    }

    private void ReadLosses(DirectoryListing listing, ScanOutput output)
    {
        if (Current.DirectoryRunId is not { } runId || listing.Losses.Count == 0)
        {
            return;
        }
        var analytics = _store.GetOrAdd(runId).GetOrCreateLoss();
        LossFile? previous = null;
        foreach (var (timestamp, entry) in listing.Losses)
        {
            if (output.Budget <= 0)
            {
                output.MoreWork = true;
                return;
            }
            if (Current.Losses.TryGetValue(timestamp, out var file))
            {
                if (!file.Entry.SameStamp(entry))
                {
                    if (entry.Length < file.Offset || !HasSameContent(file))
                    {
                        // Read again from the start onto the same batches: what it still holds replaces what was
                        // read, and nothing read before is lost or counted twice.
                        FileReplaced(entry.Path);
                        CountError("file_replaced");
                        (file.Offset, file.Fingerprint, file.Closed, file.MalformedLines, file.SkippingLongLine, file.NextLine) = (0, [], false, 0, false, 0);
                    }
                    ReadLossLines(runId, analytics, file, entry, output, final: false);
                }
            }
            else
            {
                // A timestep already read (its log vanished and came back) is read onto the same batches again.
                var timestep = analytics.GetOrAdd(timestamp, BaseStepOf(timestamp, previous));
                timestep.SummaryGlobalStep = Current.Summaries.GetValueOrDefault(timestamp)?.Summary.GlobalStep;
                timestep.WallTimeMs = entry.LastWriteMs;
                // Stamped as never read, so a file that vanished before it could be opened is tried again.
                file = new LossFile(entry with { Length = -1 }, timestep);
                Current.Losses.Add(timestamp, file);
                ReadLossLines(runId, analytics, file, entry, output, final: false);
            }
            previous = file;
        }
    }

    /// <summary>
    /// The first batch of a timestep: from its summary (global step minus batches) when that is already there,
    /// else where the previous timestep ended.
    /// </summary>
    private long BaseStepOf(DateTime timestamp, LossFile? previous)
    {
        if (Current.Summaries.GetValueOrDefault(timestamp)?.Summary is { GlobalStep: { } globalStep, NumberOfBatches: { } batches }
            && globalStep >= batches)
        {
            return globalStep - batches;
        }
        if (previous is null)
        {
            foreach (var (key, file) in Current.Losses)
            {
                if (key < timestamp && (previous is null || key > previous.Timestep.Timestep))
                {
                    previous = file;
                }
            }
        }
        return previous?.Timestep.GlobalStep ?? 0;
    }

    /// <summary>
    /// Reads the complete lines after the file's offset. Each line is one batch and takes one global step, even
    /// when it is not a number (counted as malformed, never dropping the rest of the timestep). With
    /// <paramref name="final"/> a last line without a newline counts too: the timestep is over, so it is complete.
    /// The file is read in chunks of <see cref="ReadChunkBytes"/>; a line longer than <see cref="MaxLineBytes"/> is a
    /// malformed batch, passed over chunk by chunk without being held whole (a 2 GB line costs one chunk of memory).
    /// </summary>
    private void ReadLossLines(string runId, LossAnalytics analytics, LossFile file, FileEntry entry, ScanOutput output, bool final)
    {
        var timestep = file.Timestep;
        var wallTimeMs = entry.LastWriteMs;
        var linesBefore = timestep.Lines;
        var malformed = 0;
        while (TryReadFrom(entry.Path, file.Offset, ReadChunkBytes, out var content))
        {
            var span = content.Span;
            var endOfFile = span.Length < ReadChunkBytes;
            var consumed = 0;
            if (file.SkippingLongLine)
            {
                var newline = span.IndexOf((byte)'\n');
                if (newline < 0 && !(endOfFile && final))
                {
                    // Still inside the long line: pass over this chunk.
                    Advance(file, span);
                    if (endOfFile)
                    {
                        break;
                    }
                    continue;
                }
                consumed = newline < 0 ? span.Length : newline + 1;
                file.SkippingLongLine = false;
                TakeBatch(file, output);
                malformed++;
            }

            var rest = span[consumed..];
            var complete = final && endOfFile ? rest.Length : rest.LastIndexOf((byte)'\n') + 1;
            malformed += ReadLines(runId, file, rest[..complete], wallTimeMs, output);
            consumed += complete;
            var partial = span.Length - consumed;
            if (partial > MaxLineBytes)
            {
                // A line with no end in sight: it is a malformed batch once its newline (or the timestep's end) comes.
                file.SkippingLongLine = true;
                consumed = span.Length;
            }
            Advance(file, span[..consumed]);
            if (endOfFile || (consumed == 0 && !file.SkippingLongLine))
            {
                break;
            }
        }

        _metrics.RowsRead.Add(timestep.Lines - linesBefore, new KeyValuePair<string, object?>("source", Source));
        if (malformed > 0)
        {
            file.MalformedLines += malformed;
            CountMalformed(entry.Path, malformed, $"a line that is not a number (or longer than {MaxLineBytes} bytes)");
        }
        file.Entry = entry;
        timestep.WallTimeMs = Math.Max(timestep.WallTimeMs, wallTimeMs);
        analytics.MarkChanged(timestep);
        Current.LatestGlobalStep = Math.Max(Current.LatestGlobalStep, timestep.GlobalStep);
    }

    /// <summary>Every non-blank line of <paramref name="lines"/> as one batch; returns how many were malformed.</summary>
    private int ReadLines(string runId, LossFile file, ReadOnlySpan<byte> lines, long wallTimeMs, ScanOutput output)
    {
        var malformed = 0;
        while (!lines.IsEmpty)
        {
            var newline = lines.IndexOf((byte)'\n');
            var line = newline < 0 ? lines : lines[..newline];
            lines = newline < 0 ? [] : lines[(newline + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }
            var step = TakeBatch(file, output);
            if (line.Length <= MaxLineBytes && LossLine.TryParse(line, out var loss))
            {
                var change = _store.GetOrAdd(runId).AddLoss(file.Timestep, step, loss, wallTimeMs);
                Emitted(output, new SeriesKey(runId, LogDirectoryMetricNames.BatchLoss), new MetricSample(step, wallTimeMs, loss), change);
            }
            else
            {
                malformed++;
            }
        }
        return malformed;
    }

    /// <summary>The file's next line as a batch of its timestep; its global step.</summary>
    private static long TakeBatch(LossFile file, ScanOutput output)
    {
        var timestep = file.Timestep;
        var step = timestep.BaseStep + file.NextLine;
        file.NextLine++;
        timestep.Lines = Math.Max(timestep.Lines, file.NextLine);
        output.Budget--;
        return step;
    }

    /// <summary>
    /// A timestep is complete once its summary or a later timestep's log exists: its per-timestep series points
    /// (exact mean, population std, min, max over its finite losses, at its global step) go out then, once.
    /// </summary>
    private void CloseTimesteps(DirectoryListing listing, ScanOutput output)
    {
        if (Current.DirectoryRunId is not { } runId)
        {
            return;
        }
        var analytics = _store.GetOrAdd(runId).GetOrCreateLoss();
        var newest = listing.NewestLoss;
        var open = new List<(DateTime Timestamp, LossFile File)>();
        foreach (var (timestamp, file) in Current.Losses)
        {
            if (!file.Closed && (timestamp < newest || listing.Summaries.ContainsKey(timestamp)))
            {
                open.Add((timestamp, file));
            }
        }
        open.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        foreach (var (_, file) in open)
        {
            if (listing.ByPath.TryGetValue(file.Entry.Path, out var entry) && entry.Length > file.Offset)
            {
                ReadLossLines(runId, analytics, file, entry, output, final: true);
            }
            file.Closed = true;

            var timestep = file.Timestep;
            var losses = analytics.LossesOf(timestep);
            if (losses.Length == 0)
            {
                continue;
            }
            var summary = LossAnalytics.Summarize(timestep, losses);
            var (step, time) = (timestep.GlobalStep, timestep.WallTimeMs);
            Emit(output, runId, LogDirectoryMetricNames.MeanPerTimestep, step, time, summary.Mean ?? double.NaN);
            Emit(output, runId, LogDirectoryMetricNames.StdPerTimestep, step, time, summary.Std ?? double.NaN);
            Emit(output, runId, LogDirectoryMetricNames.MinPerTimestep, step, time, summary.Min ?? double.NaN);
            Emit(output, runId, LogDirectoryMetricNames.MaxPerTimestep, step, time, summary.Max ?? double.NaN);
        }
    }

    /// <summary>Each save of <c>net_*.pth</c> (a new modification time at a new global step) is one checkpoint event.</summary>
    private void ReadCheckpoints(DirectoryListing listing, ScanOutput output)
    {
        // While loss logs are still queued the global step is not final; a checkpoint waits for it.
        if (Current.DirectoryRunId is not { } runId || output.MoreWork)
        {
            return;
        }
        foreach (var (_, entry) in listing.Checkpoints)
        {
            if (Current.Checkpoints.TryGetValue(entry.Path, out var known) && known.LastWriteTicks == entry.LastWriteTicks)
            {
                continue;
            }
            Current.Checkpoints[entry.Path] = entry;
            var run = _store.GetOrAdd(runId);
            if (run.Series.TryGetValue(LogDirectoryMetricNames.CheckpointSave, out var saves) && saves.Last?.Step == Current.LatestGlobalStep)
            {
                continue;
            }
            Emit(output, runId, LogDirectoryMetricNames.CheckpointSave, Current.LatestGlobalStep, entry.LastWriteMs, 1.0);
        }
    }

    private void CountMalformed(string path, int count, string what)
    {
        _health.AddMalformedLines(count);
        Skip(SkipReasons.MalformedLine, count);
        MalformedLines(path, count, what);
    }
}
