namespace ClickHouse.Http;

/// <summary>
/// A query failed: the server could not be reached (<see cref="IsUnreachable"/>), it answered with an error
/// (<see cref="ServerCode"/>, ClickHouse's own error code), or its answer could not be read.
/// </summary>
public class ClickHouseException : Exception
{
    /// <summary>ClickHouse's code for an unknown table.</summary>
    public const int UnknownTableCode = 60;

    /// <summary>ClickHouse's code for an unknown database.</summary>
    public const int UnknownDatabaseCode = 81;

    public ClickHouseException(string message, int? serverCode = null, bool isUnreachable = false, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerCode = serverCode;
        IsUnreachable = isUnreachable;
    }

    public int? ServerCode { get; }

    public bool IsUnreachable { get; }

    public bool IsUnknownTable => ServerCode is UnknownTableCode or UnknownDatabaseCode;
}
