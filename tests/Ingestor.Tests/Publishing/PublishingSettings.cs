namespace Ingestor.Tests.Publishing;

internal static class PublishingSettings
{
    /// <summary>A snapshot every 200 ms and retries within 500 ms, so tests see the stored state without waiting.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastSnapshots = new Dictionary<string, string?>
    {
        ["Publishing:SnapshotInterval"] = "00:00:00.200",
        ["Publishing:RetryMaxDelay"] = "00:00:00.500",
    };
}
