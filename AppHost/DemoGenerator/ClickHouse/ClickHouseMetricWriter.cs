using System.Globalization;
using System.Text;
using ClickHouse.Http;

namespace DemoGenerator.ClickHouse;

/// <summary>
/// Inserts metric rows in TabSeparated, which every ClickHouse version takes. Times are written in the server's
/// time zone, with milliseconds for a DateTime64 column and whole seconds for the DateTime of an old server.
/// </summary>
public sealed class ClickHouseMetricWriter(ClickHouseHttpClient client)
{
    public const string Table = "metric_points";

    private TimeZoneInfo _serverZone = TimeZoneInfo.Utc;
    private string _timeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    private string QualifiedTable => $"`{client.Settings.Database}`.`{Table}`";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var zone = await client.QueryScalarAsync("SELECT timezone() FORMAT TabSeparated", cancellationToken);
        _serverZone = TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : TimeZoneInfo.Utc;
        var type = await client.QueryScalarAsync(
            $"SELECT type FROM system.columns WHERE database = currentDatabase() AND table = '{Table}' AND name = 'event_time' FORMAT TabSeparated",
            cancellationToken);
        if (type.Length == 0)
        {
            throw new InvalidOperationException($"{client.Settings.Database}.{Table} does not exist in ClickHouse.");
        }
        _timeFormat = type.StartsWith("DateTime64", StringComparison.Ordinal) ? "yyyy-MM-dd HH:mm:ss.fff" : "yyyy-MM-dd HH:mm:ss";
    }

    public async Task WriteAsync(IReadOnlyList<MetricPoint> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var body = new StringBuilder(rows.Count * 120);
        foreach (var row in rows)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(row.EventTime, _serverZone);
            body.Append(local.ToString(_timeFormat, CultureInfo.InvariantCulture)).Append('\t')
                .Append(Escape(row.RunId)).Append('\t')
                .Append(Escape(row.Host)).Append('\t')
                .Append(row.Rank.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(row.Device.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(row.Step.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(Escape(row.Metric)).Append('\t')
                .Append(FormatValue(row.Value)).Append('\t')
                .Append(Escape(row.Unit)).Append('\t')
                .Append(Escape(row.TagsJson)).Append('\n');
        }
        await client.ExecuteAsync(
            $"INSERT INTO {QualifiedTable} (event_time, run_id, host, rank, device, step, metric, value, unit, tags_json) FORMAT TabSeparated",
            new StringContent(body.ToString(), Encoding.UTF8, "text/tab-separated-values"), cancellationToken);
    }

    private static string FormatValue(double value) => value switch
    {
        double.NaN => "nan",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
