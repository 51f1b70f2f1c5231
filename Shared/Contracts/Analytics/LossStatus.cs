namespace Contracts.Analytics;

/// <summary>Where a log-directory run stands; the answer of <c>/api/status</c>.</summary>
public sealed record LossStatus
{
    public required string RunId { get; init; }

    /// <summary>Set by the reader from <see cref="LastUpdate"/> and its active window; the stored value is not used.</summary>
    public bool IsActive { get; init; }

    public string? CurrentTimestep { get; init; }

    public required int Timesteps { get; init; }

    /// <summary>Batch losses read, finite or not.</summary>
    public required long TotalBatches { get; init; }

    /// <summary>The last batch loss read (may be "NaN" or "Infinity").</summary>
    public double? LatestLoss { get; init; }

    /// <summary>The newest data of the run, UTC.</summary>
    public required DateTimeOffset LastUpdate { get; init; }

    public required NonFiniteCounts NonFinite { get; init; }

    /// <summary>
    /// TensorBoard summaries the dashboard lists but does not show, by kind (<c>text</c>, <c>image</c>, <c>audio</c>, or
    /// another plugin's name) and tag, with how many values each tag has; left out when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? OtherTags { get; init; }
}
