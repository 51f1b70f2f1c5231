namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>What was wrong with a <c>tags_json</c>; also the <c>kind</c> of the source-error metric it is counted under.</summary>
public enum TagSetProblem
{
    None,

    /// <summary>Not a JSON object (<c>malformed_tags</c>).</summary>
    Malformed,

    /// <summary>Longer than the limit, or holding a key or value longer than the limit (<c>oversized_tags</c>).</summary>
    Oversized,

    /// <summary>It brought keys beyond the run's key limit (<c>config_keys_capped</c>).</summary>
    KeysCapped,
}
