namespace Contracts.Wire;

/// <summary>
/// What the wire and .NET's time types carry exactly. A value outside these limits cannot be shown truthfully, so the
/// sources count and skip it rather than let it reach a conversion that throws or a browser that rounds it.
/// </summary>
public static class WireLimits
{
    /// <summary>The largest integer a JavaScript number holds exactly (<c>Number.MAX_SAFE_INTEGER</c>): a larger step would arrive changed.</summary>
    public const long MaxSafeStep = 9_007_199_254_740_991;

    /// <summary>0001-01-01 and 9999-12-31 in Unix milliseconds: what a <see cref="DateTimeOffset"/> can hold.</summary>
    public static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    public static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static bool IsExactStep(long step) => step is >= -MaxSafeStep and <= MaxSafeStep;

    /// <summary>
    /// A wall time in seconds since the epoch, as TensorBoard writes it, in Unix milliseconds; false when it is not
    /// finite or lies outside what a <see cref="DateTimeOffset"/> holds (a time written in milliseconds, say).
    /// </summary>
    public static bool TryUnixMillisecondsFromSeconds(double seconds, out long milliseconds)
    {
        var value = Math.Floor(seconds * 1000);
        if (!double.IsFinite(value) || value < MinUnixMilliseconds || value > MaxUnixMilliseconds)
        {
            milliseconds = 0;
            return false;
        }
        milliseconds = (long)value;
        return true;
    }

    /// <summary>Never throws: a time outside what a <see cref="DateTimeOffset"/> holds is pinned to its nearest end.</summary>
    public static DateTimeOffset ToDateTimeOffset(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(unixMilliseconds, MinUnixMilliseconds, MaxUnixMilliseconds));
}
