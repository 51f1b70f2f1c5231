using System.Text.Json;

namespace Contracts.Wire;

/// <summary>
/// What the dashboard knows of a run. Times are UTC. Two metas are equal when every field is, the config and units by
/// content, so a source can compare what it would publish with what it published last and stay quiet while nothing
/// changed.
/// </summary>
public sealed record RunMeta
{
    public required string RunId { get; init; }

    /// <summary><see cref="Series.RunSource"/>: "clickhouse" or "logdir".</summary>
    public required string Source { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required DateTimeOffset LastEventTime { get; init; }

    public required long LatestStep { get; init; }

    /// <summary>Data arrived within the active window (5 minutes by default).</summary>
    public required bool IsActive { get; init; }

    public int SeriesCount { get; init; }

    /// <summary>
    /// The run's settings (hyperparameters, tags), key to a JSON string, number or boolean; left out when the source has
    /// none. ClickHouse: <c>tags_json</c> merged over the run's rows, the newest value per key; TensorBoard: the hparams
    /// plugin's session data.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Config { get; init; }

    /// <summary>Metric to its unit (ClickHouse's <c>unit</c> column), only for metrics that have one.</summary>
    public IReadOnlyDictionary<string, string>? Units { get; init; }

    public bool Equals(RunMeta? other) =>
        other is not null && RunId == other.RunId && Source == other.Source && StartTime == other.StartTime &&
        LastEventTime == other.LastEventTime && LatestStep == other.LatestStep && IsActive == other.IsActive &&
        SeriesCount == other.SeriesCount && SameConfig(Config, other.Config) && SameUnits(Units, other.Units);

    public override int GetHashCode() => HashCode.Combine(RunId, Source, StartTime, LastEventTime, LatestStep, IsActive, SeriesCount);

    private static bool SameConfig(IReadOnlyDictionary<string, JsonElement>? a, IReadOnlyDictionary<string, JsonElement>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }
        foreach (var (key, value) in a ?? Empty<JsonElement>())
        {
            if (!b!.TryGetValue(key, out var otherValue) || !JsonElement.DeepEquals(value, otherValue))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SameUnits(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }
        foreach (var (key, value) in a ?? Empty<string>())
        {
            if (!b!.TryGetValue(key, out var otherValue) || value != otherValue)
            {
                return false;
            }
        }
        return true;
    }

    private static IReadOnlyDictionary<string, T> Empty<T>() => System.Collections.Frozen.FrozenDictionary<string, T>.Empty;
}
