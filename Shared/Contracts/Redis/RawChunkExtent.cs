namespace Contracts.Redis;

/// <summary>The step and wall-time extent of one raw chunk (an entry of its series' index).</summary>
public readonly record struct RawChunkExtent(long MinStep, long MaxStep, long MinTimeMs, long MaxTimeMs)
{
    public bool Overlaps(long fromStep, long toStep, long fromTimeMs, long toTimeMs) =>
        MaxStep >= fromStep && MinStep <= toStep && MaxTimeMs >= fromTimeMs && MinTimeMs <= toTimeMs;
}
