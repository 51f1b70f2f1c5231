using ClickHouse.Http;

namespace AppHost.Resources;

/// <summary>
/// The table the dashboard reads, created in a ClickHouse AppHost starts itself. A server older than 20.1 (the 18.16
/// Debian ships) has no DateTime64 and no LowCardinality by default, so it gets the same columns with DateTime and
/// String; everything the dashboard queries works on both.
/// </summary>
public static class ClickHouseSchema
{
    public const string Database = "training_observability";

    public const string Table = "metric_points";

    public static async Task CreateAsync(ClickHouseHttpClient client, CancellationToken cancellationToken)
    {
        var version = await client.QueryScalarAsync("SELECT version() FORMAT TabSeparated", cancellationToken);
        await client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {Database}", cancellationToken: cancellationToken);
        await client.ExecuteAsync(IsAtLeast(version, 20, 1) ? ModernTable : LegacyTable, cancellationToken: cancellationToken);
    }

    public static bool IsAtLeast(string version, int major, int minor)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var actualMajor) && int.TryParse(parts[1], out var actualMinor)
            && (actualMajor > major || (actualMajor == major && actualMinor >= minor));
    }

    private const string ModernTable = $"""
        CREATE TABLE IF NOT EXISTS {Database}.{Table} (
          event_time DateTime64(3) DEFAULT now64(3), run_id LowCardinality(String), host LowCardinality(String) DEFAULT '',
          rank UInt32 DEFAULT 0, device UInt16 DEFAULT 65535, step UInt64 DEFAULT 0, metric LowCardinality(String),
          value Float64, unit LowCardinality(String) DEFAULT '', tags_json String DEFAULT '')
        ENGINE = MergeTree PARTITION BY toYYYYMM(event_time) ORDER BY (run_id, metric, host, rank, device, step, event_time)
        """;

    private const string LegacyTable = $"""
        CREATE TABLE IF NOT EXISTS {Database}.{Table} (
          event_time DateTime DEFAULT now(), run_id String, host String DEFAULT '',
          rank UInt32 DEFAULT 0, device UInt16 DEFAULT 65535, step UInt64 DEFAULT 0, metric String,
          value Float64, unit String DEFAULT '', tags_json String DEFAULT '')
        ENGINE = MergeTree PARTITION BY toYYYYMM(event_time) ORDER BY (run_id, metric, host, rank, device, step, event_time)
        """;
}
