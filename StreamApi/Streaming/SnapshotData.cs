using System.Buffers;
using System.Text.Json;
using Contracts.Wire;

namespace StreamApi.Streaming;

/// <summary>
/// The stored snapshot at one sequence: the runs and each series as the ingestor stored it. The SSE event joins the
/// series' JSON and the compact snapshot their blocks (<see cref="CompactView"/>, compressed per content coding):
/// each once for everyone unfiltered, and per filter through the shared, bounded <see cref="FilteredViewCache"/>.
/// </summary>
public sealed class SnapshotData(long seq, RunMeta[] runs, IReadOnlyList<SnapshotFragment> series, bool isComplete = true)
{
    private readonly ViewSource _view = new();
    private readonly ViewSource[] _compactViews = [new(), new(), new()];
    private readonly byte[]?[] _unfilteredCompact = new byte[]?[3];
    private byte[]? _unfiltered;

    public long Seq { get; } = seq;

    public RunMeta[] Runs { get; } = runs;

    public IReadOnlyList<SnapshotFragment> Series { get; } = series;

    /// <summary>
    /// False when only one filter's series were read (<see cref="SnapshotStore.GetAsync(StreamFilter, CancellationToken)"/>):
    /// it serves that filter once, and its views are not kept, since nobody asks for this copy again.
    /// </summary>
    public bool IsComplete { get; } = isComplete;

    public byte[] For(StreamFilter filter, FilteredViewCache cache) =>
        filter.IsEmpty ? _unfiltered ??= Compose(filter, this) : cache.GetOrAdd(_view, this, filter, Compose);

    /// <summary>The compact snapshot for <paramref name="filter"/>, compressed with <paramref name="coding"/>.</summary>
    public byte[] CompactFor(StreamFilter filter, ContentCoding coding, FilteredViewCache cache) =>
        !IsComplete ? CompactView.Compose(this, filter, coding)
        : filter.IsEmpty
            ? _unfilteredCompact[(int)coding] ??= CompactView.Compose(this, filter, coding)
            : cache.GetOrAdd(_compactViews[(int)coding], (Snapshot: this, Coding: coding), filter,
                static (filter, source) => CompactView.Compose(source.Snapshot, filter, source.Coding));

    private static byte[] Compose(StreamFilter filter, SnapshotData snapshot)
    {
        var runs = filter.IsEmpty ? snapshot.Runs : Array.FindAll(snapshot.Runs, run => filter.MatchesRun(run.RunId));
        var buffer = new ArrayBufferWriter<byte>(EstimateSize(snapshot, filter));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq"u8, snapshot.Seq);
            writer.WriteString("type"u8, StreamEventType.Snapshot);
            writer.WritePropertyName("runs"u8);
            JsonSerializer.Serialize(writer, runs, WireJsonContext.Default.RunMetaArray);
            writer.WriteStartArray("series"u8);
            foreach (var fragment in snapshot.Series)
            {
                if (filter.Matches(fragment.RunId, fragment.SeriesId) && fragment.Json is { } json)
                {
                    writer.WriteRawValue(json, skipInputValidation: true);
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static int EstimateSize(SnapshotData snapshot, StreamFilter filter)
    {
        long size = 256 + snapshot.Runs.Length * 256L;
        foreach (var fragment in snapshot.Series)
        {
            if (filter.Matches(fragment.RunId, fragment.SeriesId))
            {
                size += (fragment.Json?.Length ?? 0) + 1;
            }
        }
        return (int)Math.Min(size, Array.MaxLength);
    }
}
