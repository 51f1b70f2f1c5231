namespace AppHost.Publishing;

/// <summary>
/// A published environment variable: a plain value (ConfigMap) or a key of the operator's Secret; a reference to an
/// optional resource (ClickHouse) is an optional key.
/// </summary>
public sealed record PublishedVariable(string Name, string? Value, string? SecretKey = null, bool Optional = false)
{
    public bool IsSecret => SecretKey is not null;
}
