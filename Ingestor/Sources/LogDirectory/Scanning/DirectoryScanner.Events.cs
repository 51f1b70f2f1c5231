using System.Globalization;
using Contracts.Wire;
using Ingestor.Sources.LogDirectory.Health;
using TensorBoard;

namespace Ingestor.Sources.LogDirectory.Scanning;

public sealed partial class DirectoryScanner
{
    private readonly TensorBoardEvent _event = new();

    private void ReadEventFiles(DirectoryListing listing, ScanOutput output)
    {
        // While the directory has loss logs, its own run takes the loss tags from them (exact float64) and not
        // from the event file (float32 copies); a directory without logs keeps every tag of its event files.
        var lossesFromLogs = listing.Losses.Count > 0 || Current.Losses.Count > 0;
        foreach (var experiment in listing.Experiments)
        {
            if (experiment.EventFiles.Count == 0)
            {
                continue;
            }
            var runId = RunIdOf(experiment);
            var skipLossTags = lossesFromLogs && runId == Current.DirectoryRunId;
            foreach (var entry in experiment.EventFiles)
            {
                if (output.Budget <= 0)
                {
                    output.MoreWork = true;
                    return;
                }
                if (Current.Events.TryGetValue(entry.Path, out var file))
                {
                    if (file.Entry.SameStamp(entry))
                    {
                        continue;
                    }
                    if (entry.Length < file.Offset || !HasSameContent(file))
                    {
                        FileReplaced(entry.Path);
                        CountError("file_replaced");
                        file = new EventFile(entry with { Length = -1 }, file.RunId);
                        Current.Events[entry.Path] = file;
                    }
                }
                else
                {
                    file = new EventFile(entry with { Length = -1 }, runId);
                    Current.Events.Add(entry.Path, file);
                }
                TailEventFile(file, entry, skipLossTags, output);
            }
        }
    }

    /// <summary>
    /// Reads the records after the file's offset, up to the pass's budget. A partial record at the end is left
    /// for the next pass; a record with a bad CRC is counted, logged and skipped (the reader resynchronises).
    /// </summary>
    private void TailEventFile(EventFile file, FileEntry entry, bool skipLossTags, ScanOutput output)
    {
        FileStream stream;
        try
        {
            stream = OpenShared(entry.Path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (exception is not FileNotFoundException and not DirectoryNotFoundException)
            {
                ReadFailed(entry.Path, exception);
            }
            return;
        }

        var records = 0;
        using (stream)
        using (var reader = new TfRecordReader(stream, file.Offset, file.Resynchronizing))
        {
            var exhausted = false;
            while (!exhausted)
            {
                switch (reader.Read())
                {
                    case TfRecordReadStatus.Record:
                        records++;
                        if (file.Parser.TryParse(reader.Data.Span, _event))
                        {
                            EmitEvent(file, skipLossTags, output, reader.RecordOffset);
                        }
                        else
                        {
                            CountCorrupt(entry.Path, reader.RecordOffset, "a record that is not a TensorBoard Event", SkipReasons.BadEvent);
                        }
                        exhausted = --output.Budget <= 0;
                        break;
                    case TfRecordReadStatus.DataCorrupt:
                        CountCorrupt(entry.Path, reader.RecordOffset, "a record whose data CRC does not match (skipped)", SkipReasons.CorruptRecord);
                        break;
                    case TfRecordReadStatus.LengthCorrupt:
                        CountCorrupt(entry.Path, reader.RecordOffset, "a record whose length CRC does not match (scanning for the next record)", SkipReasons.CorruptRecord);
                        break;
                    default:
                        file.Entry = entry;
                        exhausted = true;
                        break;
                }
            }
            if (output.Budget <= 0)
            {
                output.MoreWork = true;
            }
            file.Offset = reader.CompleteOffset;
            file.Resynchronizing = reader.Resynchronizing;
            file.Fingerprint = ReadFingerprint(stream, file.Offset);
        }
        _metrics.RowsRead.Add(records, new KeyValuePair<string, object?>("source", Source));
    }

    private void EmitEvent(EventFile file, bool skipLossTags, ScanOutput output, long offset)
    {
        var step = _event.Step;
        if (!WireLimits.TryUnixMillisecondsFromSeconds(_event.WallTime, out var timeMs))
        {
            SkipEvent(file, offset, SkipReasons.WallTimeOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"an event whose wall time {_event.WallTime} is not seconds since 1970 (skipped)"));
            return;
        }
        if (!WireLimits.IsExactStep(step))
        {
            SkipEvent(file, offset, SkipReasons.StepOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"an event whose step {step} is beyond ±{WireLimits.MaxSafeStep}, which a browser cannot hold exactly (skipped)"));
            return;
        }
        if (_event.HParams is { } hparams)
        {
            _store.GetOrAdd(file.RunId).SetConfig(hparams);
        }
        foreach (var value in _event.Values)
        {
            if (value.Kind == TensorBoardValueKind.Other)
            {
                _store.GetOrAdd(file.RunId).CountOtherSummary(value.OtherKind!, value.Tag);
                continue;
            }
            if (value.Kind == TensorBoardValueKind.Scalar)
            {
                if (!skipLossTags || !LogDirectoryMetricNames.DerivedFromLogs.Contains(value.Tag))
                {
                    Emit(output, file.RunId, value.Tag, step, timeMs, value.Scalar);
                }
                continue;
            }

            var histogram = value.Histogram;
            var suffixes = LogDirectoryMetricNames.HistogramSuffixes;
            Emit(output, file.RunId, HistogramSeries(value.Tag, suffixes[0]), step, timeMs, histogram.Min);
            Emit(output, file.RunId, HistogramSeries(value.Tag, suffixes[1]), step, timeMs, histogram.Max);
            Emit(output, file.RunId, HistogramSeries(value.Tag, suffixes[2]), step, timeMs, histogram.Mean);
            Emit(output, file.RunId, HistogramSeries(value.Tag, suffixes[3]), step, timeMs, histogram.StandardDeviation);
            Emit(output, file.RunId, HistogramSeries(value.Tag, suffixes[4]), step, timeMs, histogram.Count);
        }
    }

    private readonly Dictionary<(string, string), string> _histogramSeries = [];

    private string HistogramSeries(string tag, string suffix)
    {
        if (!_histogramSeries.TryGetValue((tag, suffix), out var name))
        {
            _histogramSeries[(tag, suffix)] = name = tag + suffix;
        }
        return name;
    }

    private void CountCorrupt(string path, long offset, string what, string kind)
    {
        _health.AddCorruptRecords(1);
        Skip(kind);
        CorruptRecord(path, offset, what);
    }

    /// <summary>Counted every time, logged once per file and reason: a file of millions of bad events writes one line.</summary>
    private void SkipEvent(EventFile file, long offset, string reason, string what)
    {
        Skip(reason);
        if (file.SkipReasonsLogged.Add(reason))
        {
            SkippedRecords(file.Entry.Path, offset, what);
        }
    }
}
