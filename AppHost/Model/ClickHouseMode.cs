namespace AppHost.Model;

public enum ClickHouseMode
{
    /// <summary>No ClickHouse: the dashboard shows log-directory runs only.</summary>
    None,

    /// <summary>A <c>clickhouse-server</c> from the PATH, started by AppHost with the dashboard's schema.</summary>
    LocalServer,

    /// <summary>The server named by <c>ConnectionStrings:clickhouse</c>.</summary>
    External,
}
