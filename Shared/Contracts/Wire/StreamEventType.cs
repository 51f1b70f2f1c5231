namespace Contracts.Wire;

/// <summary>SSE event names of <c>/stream</c>; each message's JSON repeats its type in "type".</summary>
public static class StreamEventType
{
    public const string Snapshot = "snapshot";
    public const string Delta = "delta";
    public const string RunsMeta = "runs_meta";
}
