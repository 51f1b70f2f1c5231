using System.Globalization;
using System.Text;
using ClickHouse.Http;

namespace TestSupport.ClickHouse;

/// <summary>
/// One test's own database on a shared <see cref="ClickHouseServerProcess"/>, holding the metric table in the
/// production schema as far as 18.16 allows (<c>DateTime</c> for <c>DateTime64(3)</c>, so times are whole
/// seconds). Dropped at dispose.
/// </summary>
public sealed class ClickHouseTestDatabase : IAsyncDisposable
{
    public const string TableName = "metric_points";

    private readonly ClickHouseServerProcess _server;

    internal ClickHouseTestDatabase(ClickHouseServerProcess server, string name)
    {
        _server = server;
        Name = name;
        Client = new ClickHouseHttpClient(ClickHouseSettings.Parse(ConnectionString));
    }

    public string Name { get; }

    public string ConnectionString => _server.ConnectionString(Name);

    public ClickHouseHttpClient Client { get; }

    public Task CreateMetricTableAsync() => Client.ExecuteAsync($"""
        CREATE TABLE {Name}.{TableName} (
          event_time DateTime DEFAULT now(), run_id LowCardinality(String), host LowCardinality(String) DEFAULT '',
          rank UInt32 DEFAULT 0, device UInt16 DEFAULT 65535, step UInt64 DEFAULT 0, metric LowCardinality(String),
          value Float64, unit LowCardinality(String) DEFAULT '', tags_json String DEFAULT '')
        ENGINE = MergeTree PARTITION BY toYYYYMM(event_time) ORDER BY (run_id, metric, host, rank, device, step, event_time)
        """);

    public Task DropMetricTableAsync() => Client.ExecuteAsync($"DROP TABLE IF EXISTS {Name}.{TableName}");

    public Task InsertAsync(params IEnumerable<TestMetricPoint> points)
    {
        var body = new StringBuilder();
        foreach (var point in points)
        {
            body.Append(point.Time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\t');
            AppendEscaped(body, point.RunId).Append('\t');
            AppendEscaped(body, point.Host).Append('\t');
            body.Append(point.Rank.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(point.Device.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(point.Step.ToString(CultureInfo.InvariantCulture)).Append('\t');
            AppendEscaped(body, point.Metric).Append('\t');
            body.Append(FormatValue(point.Value)).Append('\t');
            AppendEscaped(body, point.Unit).Append('\t');
            AppendEscaped(body, point.TagsJson).Append('\n');
        }
        return Client.ExecuteAsync(
            $"INSERT INTO {Name}.{TableName} (event_time, run_id, host, rank, device, step, metric, value, unit, tags_json) FORMAT TabSeparated",
            new StringContent(body.ToString(), Encoding.UTF8));
    }

    /// <summary>Rows already in TabSeparated form, columns event_time (Unix seconds), run_id, host, rank, device, step, metric, value.</summary>
    public Task InsertTabSeparatedAsync(string rows) => Client.ExecuteAsync(
        $"INSERT INTO {Name}.{TableName} (event_time, run_id, host, rank, device, step, metric, value) FORMAT TabSeparated",
        new StringContent(rows, Encoding.UTF8));

    /// <summary>Fills the table on the server side (fast for millions of rows).</summary>
    public Task InsertSelectAsync(string selectOfAllColumns) => Client.ExecuteAsync(
        $"INSERT INTO {Name}.{TableName} (event_time, run_id, host, rank, device, step, metric, value) {selectOfAllColumns}");

    /// <summary>Merges every part, as a long-running table ends up: old history in big parts.</summary>
    public Task OptimizeAsync() => Client.ExecuteAsync($"OPTIMIZE TABLE {Name}.{TableName} FINAL");

    public async Task<long> CountAsync()
    {
        await using var response = await Client.QueryAsync($"SELECT count() FROM {Name}.{TableName} FORMAT TabSeparated");
        return await ReadSingleInt64Async(response);
    }

    /// <summary>read_rows of a finished query, from system.query_log.</summary>
    public async Task<long> ReadRowsOfQueryAsync(string queryId)
    {
        await Client.ExecuteAsync("SYSTEM FLUSH LOGS");
        // The query id is a GUID we generated, so it is safe in the SQL text.
        await using var response = await Client.QueryAsync(
            $"SELECT read_rows FROM system.query_log WHERE query_id = '{Guid.Parse(queryId):N}' AND type = 2 FORMAT TabSeparated");
        return await ReadSingleInt64Async(response);
    }

    /// <summary>Every query the server finished on this database whose text contains <paramref name="fragment"/>, oldest first.</summary>
    public async Task<IReadOnlyList<FinishedQuery>> FinishedQueriesAsync(string fragment)
    {
        await Client.ExecuteAsync("SYSTEM FLUSH LOGS");
        var wanted = ExternalTable.Of("wanted", "fragment String, database String", fragment, Name);
        var result = new List<FinishedQuery>();
        await using var response = await Client.QueryAsync(
            "SELECT query_id, read_rows, result_rows, query FROM system.query_log WHERE type = 2 AND position(query, (SELECT any(fragment) FROM wanted)) > 0 " +
            "AND position(query, (SELECT any(database) FROM wanted)) > 0 ORDER BY event_time, query_start_time FORMAT TabSeparated",
            [wanted]);
        var strings = new Utf8StringCache(16);
        while (await response.Rows.ReadMoreAsync(CancellationToken.None))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                result.Add(new FinishedQuery(fields.NextString(strings), fields.NextInt64(), fields.NextInt64(), fields.NextString(strings)));
                fields.End();
            }
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_server.IsRunning)
            {
                await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {Name}");
            }
        }
        catch (ClickHouseException)
        {
            // The server is going away with its temporary directory anyway.
        }
        Client.Dispose();
    }

    private static async Task<long> ReadSingleInt64Async(ClickHouseResponse response)
    {
        long? value = null;
        while (await response.Rows.ReadMoreAsync(CancellationToken.None))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                value = fields.NextInt64();
            }
        }
        return value ?? throw new InvalidOperationException("The query returned no row.");
    }

    private static StringBuilder AppendEscaped(StringBuilder builder, string value)
    {
        foreach (var c in value)
        {
            var letter = c < 128 ? TabSeparated.EscapeLetter((byte)c) : (byte)0;
            if (letter == 0)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('\\').Append((char)letter);
            }
        }
        return builder;
    }

    private static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
