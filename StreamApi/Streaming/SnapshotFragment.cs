using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using Contracts.Wire.Binary;

namespace StreamApi.Streaming;

/// <summary>
/// One series of the stored snapshot: the <see cref="SeriesBlock"/> the ingestor stored, joined as it is into compact
/// snapshots, and its JSON for SSE snapshots, made from the block the first time a client needs it (a browser that
/// loads the compact snapshot never does).
/// </summary>
public sealed class SnapshotFragment
{
    private byte[]? _json;
    private bool _unreadable;

    private SnapshotFragment(string runId, string seriesId, byte[] block, byte[]? json)
    {
        RunId = runId;
        SeriesId = seriesId;
        Block = block;
        _json = json;
    }

    public string RunId { get; }

    public string SeriesId { get; }

    public byte[] Block { get; }

    /// <summary>The series as JSON (<see cref="SeriesPoints"/>); null when its block cannot be read.</summary>
    public byte[]? Json
    {
        get
        {
            if (_json is null && !_unreadable)
            {
                try
                {
                    _json = JsonSerializer.SerializeToUtf8Bytes(SeriesBlock.Decode(Block), WireJsonContext.Default.SeriesPoints);
                }
                catch (InvalidDataException)
                {
                    _unreadable = true;
                }
            }
            return _json;
        }
    }

    /// <summary>The series from what Redis holds for it: a block, or the JSON an older ingestor stored (<see cref="StoredSeriesJson"/>); null when it is neither.</summary>
    public static SnapshotFragment? FromStored(string runId, string seriesId, byte[] stored)
    {
        try
        {
            if (SeriesBlock.IsBlock(stored))
            {
                SeriesBlock.Layout(stored);
                return new SnapshotFragment(runId, seriesId, stored, json: null);
            }
            // Not the stored JSON itself for SSE: it may name the series id as those ingestors did.
            return new SnapshotFragment(runId, seriesId, SeriesBlock.Encode(StoredSeriesJson.Read(stored)), json: null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or ArgumentException)
        {
            return null;
        }
    }
}
