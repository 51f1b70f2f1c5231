using System.Buffers;
using System.Text.Json;
using Contracts.Wire;

namespace StreamApi.Streaming;

/// <summary>
/// The stored snapshot at one sequence: the runs and each series' JSON exactly as the ingestor stored it. The
/// SSE event is composed by joining those fragments: once for everyone unfiltered, and per filter through the shared,
/// bounded <see cref="FilteredViewCache"/>.
/// </summary>
public sealed class SnapshotData(long seq, RunMeta[] runs, IReadOnlyList<SnapshotData.Fragment> series)
{
    private readonly ViewSource _view = new();
    private byte[]? _unfiltered;

    public readonly record struct Fragment(string RunId, string SeriesId, byte[] Json);

    public long Seq { get; } = seq;

    public RunMeta[] Runs { get; } = runs;

    public IReadOnlyList<Fragment> Series { get; } = series;

    public byte[] For(StreamFilter filter, FilteredViewCache cache) =>
        filter.IsEmpty ? _unfiltered ??= Compose(filter, this) : cache.GetOrAdd(_view, this, filter, Compose);

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
                if (filter.Matches(fragment.RunId, fragment.SeriesId))
                {
                    writer.WriteRawValue(fragment.Json, skipInputValidation: true);
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
                size += fragment.Json.Length + 1;
            }
        }
        return (int)Math.Min(size, Array.MaxLength);
    }
}
