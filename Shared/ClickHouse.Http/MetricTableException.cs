namespace ClickHouse.Http;

/// <summary>
/// The metric table is missing or lacks a column the dashboard reads. Nothing here creates or alters it:
/// the message names the table so an operator can.
/// </summary>
public sealed class MetricTableException(string qualifiedName, string message, Exception? innerException = null)
    : ClickHouseException(message, null, false, innerException)
{
    public string QualifiedName { get; } = qualifiedName;
}
