namespace Contracts.Analytics;

/// <summary>The scalar series of a run; the answer of <c>/api/tensorboard/scalars</c> without a tag.</summary>
public sealed record ScalarTags(string RunId, string[] Tags)
{
    /// <summary>The run's summaries that are not series (<see cref="LossStatus.OtherTags"/>); left out when there are none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? OtherTags { get; init; }
}
