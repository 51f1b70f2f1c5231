using System.Text.Json;
using Contracts.Wire;

namespace TestSupport.Sse;

/// <summary>
/// What a dashboard holds after applying a stream as docs/protocol.md says: a snapshot replaces everything, a
/// delta's series are replaced or have their tail rewritten. Tests compare it with the ingestor's own state.
/// </summary>
public sealed class StreamState
{
    private readonly Dictionary<(string Run, string Series), SortedList<long, double>> _series = [];

    public long LastSeq { get; private set; } = -1;

    public int Snapshots { get; private set; }

    public IReadOnlyDictionary<(string Run, string Series), SortedList<long, double>> Series => _series;

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
                    if (series.Op == SeriesOp.Tail && _series.TryGetValue((series.RunId, series.Series), out var points))
                    {
                        foreach (var step in points.Keys.Where(step => step >= series.FromStep).ToList())
                        {
                            points.Remove(step);
                        }
                        for (var i = 0; i < series.Steps.Length; i++)
                        {
                            points[series.Steps[i]] = series.Values[i];
                        }
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

    public SortedList<long, double>? Get(string run, string series) => _series.GetValueOrDefault((run, series));

    private void EnsureNext(long seq)
    {
        if (LastSeq >= 0 && seq != LastSeq + 1)
        {
            throw new InvalidOperationException($"Event {seq} followed {LastSeq}: the stream skipped or repeated a sequence number.");
        }
    }

    private void Replace(SeriesPoints series)
    {
        var points = new SortedList<long, double>(series.Steps.Length);
        for (var i = 0; i < series.Steps.Length; i++)
        {
            points.Add(series.Steps[i], series.Values[i]);
        }
        _series[(series.RunId, series.Series)] = points;
    }
}
