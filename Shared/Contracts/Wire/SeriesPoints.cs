namespace Contracts.Wire;

/// <summary>
/// A decimated series, or a change to one, as columns: index i of every array is one point (one bucket).
/// <para>values/mins/maxs are numbers, or the strings "NaN", "Infinity", "-Infinity" (JSON has no
/// non-finite numbers). <c>mins</c>/<c>maxs</c> are the finite extremes of the bucket the point stands for,
/// so a spike that decimation dropped still shows as the envelope; a bucket without a finite value has its
/// non-finite value there too. <c>non_finite</c>, present only when some bucket has any, counts the
/// non-finite raw values per bucket.</para>
/// </summary>
public sealed record SeriesPoints
{
    public required string RunId { get; init; }

    /// <summary>The series id within the run (<see cref="Series.SeriesKey.SeriesId"/>); <c>series_id</c> on the wire.</summary>
    public required string SeriesId { get; init; }

    public required string Metric { get; init; }

    public string Host { get; init; } = "";

    public uint Rank { get; init; }

    public ushort Device { get; init; } = Contracts.Series.SeriesKey.NoDevice;

    /// <summary>Only in deltas: <see cref="SeriesOp.Tail"/>, <see cref="SeriesOp.Replace"/> or <see cref="SeriesOp.Coarsen"/>.</summary>
    public string? Op { get; init; }

    /// <summary>Only with op "tail" or "coarsen".</summary>
    public long? FromStep { get; init; }

    /// <summary>Raw points the series has received in all (not the number of points sent).</summary>
    public long TotalPoints { get; init; }

    /// <summary>Steps per bucket: 1 means the series is not decimated.</summary>
    public long BucketWidth { get; init; } = 1;

    public required long[] Steps { get; init; }

    /// <summary>Wall time of each point, Unix milliseconds.</summary>
    public required long[] TimesMs { get; init; }

    public required double[] Values { get; init; }

    public required double[] Mins { get; init; }

    public required double[] Maxs { get; init; }

    public int[]? NonFinite { get; init; }
}
