using System.Text.Json;
using Contracts.Wire;

namespace TestSupport.Sse;

/// <summary>
/// What a dashboard holds after applying a stream as docs/protocol.md says: a snapshot replaces everything, a
/// delta's series are replaced, coarsened or have their tail rewritten. Tests compare it with the ingestor's own state.
/// </summary>
public sealed class StreamState
{
    private readonly Dictionary<(string RunId, string SeriesId), HeldSeries> _series = [];

    public long LastSeq { get; private set; } = -1;

    public int Snapshots { get; private set; }

    public IReadOnlyDictionary<(string RunId, string SeriesId), HeldSeries> Series => _series;

    public void Apply(SseEvent sse)
    {
        switch (sse.Event)
        {
            case StreamEventType.Snapshot:
                var snapshot = JsonSerializer.Deserialize(sse.Data, WireJsonContext.Default.SnapshotMessage)!;
                _series.Clear();
                foreach (var series in snapshot.Series)
                {
                    Replace(series);
                }
                Snapshots++;
                LastSeq = snapshot.Seq;
                break;
            case StreamEventType.Delta:
                var delta = JsonSerializer.Deserialize(sse.Data, WireJsonContext.Default.DeltaMessage)!;
                EnsureNext(delta.Seq);
                foreach (var series in delta.Series)
                {
                    if (_series.TryGetValue((series.RunId, series.SeriesId), out var held))
                    {
                        held.Apply(series);
                    }
                    else
                    {
                        Replace(series);
                    }
                }
                LastSeq = delta.Seq;
                break;
            case StreamEventType.RunsMeta:
                var runs = JsonSerializer.Deserialize(sse.Data, WireJsonContext.Default.RunsMetaMessage)!;
                EnsureNext(runs.Seq);
                LastSeq = runs.Seq;
                break;
        }
    }

    /// <summary>The values held of one series by step, or null when it is not held.</summary>
    public SortedList<long, double>? Get(string runId, string seriesId)
    {
        if (!_series.TryGetValue((runId, seriesId), out var held))
        {
            return null;
        }
        var values = new SortedList<long, double>(held.Points.Count);
        foreach (var point in held.Points)
        {
            values.Add(point.Step, point.Value);
        }
        return values;
    }

    private void EnsureNext(long seq)
    {
        if (LastSeq >= 0 && seq != LastSeq + 1)
        {
            throw new InvalidOperationException($"Event {seq} followed {LastSeq}: the stream skipped or repeated a sequence number.");
        }
    }

    private void Replace(SeriesPoints series) => _series[(series.RunId, series.SeriesId)] = HeldSeries.From(series);
}
