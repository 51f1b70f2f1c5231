namespace Decimation;

/// <summary>How the output of a <see cref="SeriesDecimator"/> changed since the previous look.</summary>
public enum DecimationChangeKind
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>Every output point with a step at or after <see cref="DecimationChange.FromStep"/> may have changed; the others did not.</summary>
    Tail,

    /// <summary>Everything may have changed: the first data, or a decimator restored or started anew.</summary>
    Replace,

    /// <summary>
    /// The bucket width doubled, once or more: a holder of the previous output merges its points doubling by
    /// doubling as the decimator merged its own (docs/decimation.md, "Doubling the width"), then applies a
    /// <see cref="Tail"/> from <see cref="DecimationChange.FromStep"/>.
    /// </summary>
    Coarsen,
}
