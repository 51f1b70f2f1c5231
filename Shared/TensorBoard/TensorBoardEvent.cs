using System.Text.Json;

namespace TensorBoard;

/// <summary>
/// The fields of an <c>Event</c> the dashboard uses. One instance is refilled by the parser for every record,
/// so reading a file does not allocate per event.
/// </summary>
public sealed class TensorBoardEvent
{
    /// <summary>Seconds since the Unix epoch, as the writer stored it.</summary>
    public double WallTime { get; internal set; }

    public long Step { get; internal set; }

    /// <summary>Set on the first event of a file (<c>brain.Event:2</c>).</summary>
    public string? FileVersion { get; internal set; }

    public List<TensorBoardValue> Values { get; } = [];

    /// <summary>Values with no tag, or a tensor of no plugin this parser knows of: not even listed.</summary>
    public int OtherValues { get; internal set; }

    /// <summary>
    /// The hyperparameters of an hparams plugin's <c>session_start_info</c> in this event (name to a JSON string, number,
    /// boolean or null); null when the event has none. A new dictionary for every event that has one (they are rare).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? HParams { get; internal set; }

    public long WallTimeMs => (long)Math.Floor(WallTime * 1000);

    internal void Reset()
    {
        WallTime = 0;
        Step = 0;
        FileVersion = null;
        Values.Clear();
        OtherValues = 0;
        HParams = null;
    }
}
