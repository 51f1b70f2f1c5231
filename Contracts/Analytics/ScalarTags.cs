namespace Contracts.Analytics;

/// <summary>The scalar series of a run; the answer of <c>/api/tensorboard/scalars</c> without a tag.</summary>
public sealed record ScalarTags(string RunId, string[] Tags);
