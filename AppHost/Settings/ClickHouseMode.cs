namespace AppHost.Settings;

/// <summary>Whether there is a ClickHouse, and whose.</summary>
public enum ClickHouseMode
{
    /// <summary>None: the dashboard shows log-directory runs only.</summary>
    None,

    /// <summary>A <c>clickhouse-server</c> from the PATH, with the schema created and an empty data directory at every start.</summary>
    LocalServer,

    /// <summary>The server in <c>ConnectionStrings:clickhouse</c>.</summary>
    External,
}
