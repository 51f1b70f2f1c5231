using Contracts.Redis;

namespace StreamApi.RawHistory;

/// <summary>An inclusive step and wall-time (Unix ms) range; the defaults take everything.</summary>
public readonly record struct RawRange(long FromStep = long.MinValue, long ToStep = long.MaxValue, long FromTimeMs = long.MinValue, long ToTimeMs = long.MaxValue)
{
    public static readonly RawRange All = new(long.MinValue, long.MaxValue, long.MinValue, long.MaxValue);

    public bool Contains(long step, long timeMs) => step >= FromStep && step <= ToStep && timeMs >= FromTimeMs && timeMs <= ToTimeMs;

    public bool Overlaps(RawChunkExtent extent) => extent.Overlaps(FromStep, ToStep, FromTimeMs, ToTimeMs);

    /// <summary>Every point within the extent is within this range.</summary>
    public bool Covers(RawChunkExtent extent) =>
        extent.MinStep >= FromStep && extent.MaxStep <= ToStep && extent.MinTimeMs >= FromTimeMs && extent.MaxTimeMs <= ToTimeMs;
}
