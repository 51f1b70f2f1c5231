using System.Buffers;
using System.Globalization;

namespace ClickHouse.Http;

/// <summary>
/// The metric table (<c>training_observability.metric_points</c> in production) as found on the server: its
/// qualified name and the SQL that reads its time column. Production stores <c>DateTime64(3)</c>; an 18.x test
/// server can only store <c>DateTime</c> (seconds), so the time expressions are chosen from the column's type,
/// which <see cref="OpenAsync"/> reads from system.columns (finding out on the way whether the table exists).
/// </summary>
public sealed class MetricTable
{
    private static readonly string[] RequiredColumns = ["run_id", "metric", "host", "rank", "device", "step", "event_time", "value"];

    private static readonly SearchValues<char> IdentifierCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private MetricTable(string database, string name, bool millisecondTime, bool hasUnit, bool hasTags)
    {
        Database = database;
        Name = name;
        HasMillisecondTime = millisecondTime;
        HasUnit = hasUnit;
        HasTags = hasTags;
        QualifiedName = $"`{database}`.`{name}`";
        TimeMs = millisecondTime ? "toUnixTimestamp64Milli(event_time)" : "toInt64(toUnixTimestamp(event_time)) * 1000";
        RowColumns = $"run_id, metric, host, rank, device, step, {TimeMs}, value";
    }

    public string Database { get; }

    public string Name { get; }

    /// <summary>For FROM clauses: both parts validated identifiers, quoted.</summary>
    public string QualifiedName { get; }

    /// <summary>event_time is DateTime64 (milliseconds kept) rather than DateTime (whole seconds).</summary>
    public bool HasMillisecondTime { get; }

    /// <summary>The optional column <c>unit</c> is there (the production schema has it; an older table may not).</summary>
    public bool HasUnit { get; }

    /// <summary>The optional column <c>tags_json</c> is there.</summary>
    public bool HasTags { get; }

    /// <summary>SQL for event_time as Unix milliseconds (Int64).</summary>
    public string TimeMs { get; }

    /// <summary>The select list <see cref="MetricRow.Parse"/> reads.</summary>
    public string RowColumns { get; }

    public static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= 128
        && (char.IsAsciiLetter(value[0]) || value[0] == '_')
        && !value.AsSpan().ContainsAnyExcept(IdentifierCharacters);

    /// <summary>What <see cref="IsValidName"/> asks, for the message that rejects a configured name.</summary>
    public const string NameRequirement = "must be a table name or database.table made of letters, digits and underscores";

    /// <summary>"table" (in the connection's database) or "database.table", each part an identifier.</summary>
    public static bool IsValidName(string name)
    {
        var parts = name.Split('.');
        return parts.Length is 1 or 2 && parts.All(IsIdentifier);
    }

    /// <summary>
    /// A condition on event_time that the partition and part min/max indexes can use: <c>event_time &gt;= t</c>.
    /// With whole-second times the bound is rounded up, so it means the same as comparing milliseconds.
    /// </summary>
    public string TimeAtLeast(long timeMs) => HasMillisecondTime
        ? $"event_time >= fromUnixTimestamp64Milli(toInt64({timeMs.ToString(CultureInfo.InvariantCulture)}))"
        : $"event_time >= toDateTime({ClampSeconds(CeilingDivide(timeMs, 1000))})";

    /// <summary><c>event_time &lt;= t</c>; with whole-second times the bound is rounded down.</summary>
    public string TimeAtMost(long timeMs) => HasMillisecondTime
        ? $"event_time <= fromUnixTimestamp64Milli(toInt64({timeMs.ToString(CultureInfo.InvariantCulture)}))"
        : $"event_time <= toDateTime({ClampSeconds(FloorDivide(timeMs, 1000))})";

    /// <exception cref="MetricTableException">The table does not exist or lacks a column the dashboard reads.</exception>
    /// <exception cref="ClickHouseException">ClickHouse cannot be reached.</exception>
    public static async Task<MetricTable> OpenAsync(ClickHouseHttpClient client, string name, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a table name (table or database.table).", nameof(name));
        }
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var database = dot < 0 ? client.Settings.Database : name[..dot];
        var table = dot < 0 ? name : name[(dot + 1)..];
        var displayName = $"{database}.{table}";
        var wanted = ExternalTable.Of("wanted", "database String, table String", database, table);

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var response = await client.QueryAsync(
            "SELECT name, type FROM system.columns WHERE (database, table) IN (SELECT database, table FROM wanted) FORMAT TabSeparated",
            [wanted], cancellationToken))
        {
            var strings = new Utf8StringCache(64);
            while (await response.Rows.ReadMoreAsync(cancellationToken))
            {
                while (response.Rows.TryReadLine(out var line))
                {
                    var fields = new TabSeparatedFields(line);
                    types[fields.NextString(strings)] = fields.NextString(strings);
                    fields.End();
                }
            }
        }

        if (types.Count == 0)
        {
            throw new MetricTableException(displayName,
                $"The table {displayName} does not exist on ClickHouse at {client.Settings.Endpoint}. The dashboard only reads it; create it with the schema in docs/clickhouse.md.");
        }
        var missing = RequiredColumns.Where(column => !types.ContainsKey(column)).ToArray();
        if (missing.Length > 0)
        {
            throw new MetricTableException(displayName, $"The table {displayName} lacks the column(s) {string.Join(", ", missing)} that the dashboard reads.");
        }
        if (!MatchesDate(types["event_time"]))
        {
            throw new MetricTableException(displayName, $"The column event_time of {displayName} is {types["event_time"]}; DateTime or DateTime64 was expected.");
        }
        return Describe(database, table, types["event_time"], types.ContainsKey("unit"), types.ContainsKey("tags_json"));
    }

    /// <summary>The table as <see cref="OpenAsync"/> would find it, given the type of its event_time column and which optional columns it has.</summary>
    public static MetricTable Describe(string database, string name, string eventTimeType, bool hasUnit = true, bool hasTags = true)
    {
        if (!IsIdentifier(database) || !IsIdentifier(name))
        {
            throw new ArgumentException($"'{database}.{name}' is not a table name made of identifiers.", nameof(name));
        }
        return new MetricTable(database, name, eventTimeType.StartsWith("DateTime64", StringComparison.Ordinal), hasUnit, hasTags);
    }

    private static bool MatchesDate(string type) => type.StartsWith("DateTime", StringComparison.Ordinal);

    private static long CeilingDivide(long value, long divisor) => value / divisor + (value % divisor > 0 ? 1 : 0);

    private static long FloorDivide(long value, long divisor) => value / divisor - (value % divisor < 0 ? 1 : 0);

    private static string ClampSeconds(long seconds) => Math.Clamp(seconds, 0, uint.MaxValue).ToString(CultureInfo.InvariantCulture);
}
