using Contracts.Wire;
using Ingestor.Model;

namespace Ingestor.Series;

/// <summary>What the store knows of a run: the source's metadata merged with what its points show.</summary>
internal sealed class RunState(string runId)
{
    public string RunId { get; } = runId;

    public RunMeta? FromSource { get; set; }

    public long FirstEventMs { get; set; } = long.MaxValue;

    public long LastEventMs { get; set; } = long.MinValue;

    public long LatestStep { get; set; } = long.MinValue;

    public int SeriesCount { get; set; }

    /// <summary>The run's series held in memory; empty while it is evicted.</summary>
    public List<SeriesState> Series { get; } = [];

    /// <summary>When a point last arrived, or the run was first seen.</summary>
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>Its series were released from memory; they are in Redis.</summary>
    public bool Evicted { get; set; }

    /// <summary>Samples that arrived while evicted, applied once its series are read back from Redis.</summary>
    public List<SeriesSamples> Parked { get; } = [];

    public RunMeta ToRunMeta()
    {
        var source = FromSource;
        var start = FirstEventMs == long.MaxValue ? source?.StartTime : Earliest(source?.StartTime, WireLimits.ToDateTimeOffset(FirstEventMs));
        var last = LastEventMs == long.MinValue ? source?.LastEventTime : Latest(source?.LastEventTime, WireLimits.ToDateTimeOffset(LastEventMs));
        return new RunMeta
        {
            RunId = RunId,
            Source = source?.Source ?? "unknown",
            StartTime = start ?? DateTimeOffset.UnixEpoch,
            LastEventTime = last ?? DateTimeOffset.UnixEpoch,
            LatestStep = Math.Max(source?.LatestStep ?? 0, LatestStep == long.MinValue ? 0 : LatestStep),
            IsActive = source?.IsActive ?? true,
            SeriesCount = SeriesCount,
            Config = source?.Config,
            Units = source?.Units,
        };
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static DateTimeOffset Latest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
