namespace Contracts.Decimation;

/// <summary>How the output of a <see cref="SeriesDecimator"/> changed since the previous look.</summary>
public enum DecimationChangeKind
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>Every output point with a step at or after <see cref="DecimationChange.FromStep"/> may have changed; the others did not.</summary>
    Tail,

    /// <summary>Everything may have changed (first data, or a re-decimation to wider buckets).</summary>
    Replace,
}
