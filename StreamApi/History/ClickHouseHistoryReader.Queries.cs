using System.Globalization;
using System.Text;
using ClickHouse.Http;

namespace StreamApi.History;

/// <summary>Running the reader's queries: the table, timeouts, the conditions, the values sent as external data.</summary>
public sealed partial class ClickHouseHistoryReader
{
    private async Task<MetricTable> GetTableAsync(CancellationToken cancellationToken)
    {
        if (_table is { } table)
        {
            return table;
        }
        using var deadline = Deadline(cancellationToken);
        return _table = await MetricTable.OpenAsync(client, _options.Table, deadline.Token);
    }

    private async Task<long> ReadCountAsync(string sql, ExternalTable wanted, CancellationToken cancellationToken)
    {
        var count = 0L;
        await ReadRowsAsync(sql, wanted, (ref TabSeparatedFields fields, Utf8StringCache _) => count = fields.NextInt64(), cancellationToken);
        return count;
    }

    private async Task ReadRowsAsync(string sql, ExternalTable wanted, RowReader read, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            await using var response = await client.QueryAsync(sql, [wanted], deadline.Token);
            var strings = new Utf8StringCache(256);
            while (await response.Rows.ReadMoreAsync(Restart(deadline)))
            {
                ReadBuffered(response.Rows, read, strings);
            }
        }
        catch (ClickHouseException exception) when (exception.IsUnknownTable)
        {
            _table = null;
            throw;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClickHouseException($"ClickHouse did not answer within {_options.QueryTimeout.TotalSeconds:F0} s", innerException: exception);
        }
    }

    private static void ReadBuffered(TabSeparatedReader rows, RowReader read, Utf8StringCache strings)
    {
        while (rows.TryReadLine(out var line))
        {
            var fields = new TabSeparatedFields(line);
            read(ref fields, strings);
            fields.End();
        }
    }

    /// <summary>The timeout counts from the last piece of the answer, so only a stuck query is cut off.</summary>
    private CancellationToken Restart(CancellationTokenSource deadline)
    {
        deadline.CancelAfter(_options.QueryTimeout);
        return deadline.Token;
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.QueryTimeout);
        return deadline;
    }

    private static string Where(MetricTable table, MetricHistoryQuery query)
    {
        var where = new StringBuilder(RunAndMetric);
        if (query.FromStep is { } fromStep)
        {
            where.Append(" AND step >= ").Append(Number(fromStep));
        }
        if (query.ToStep is { } toStep)
        {
            where.Append(" AND step <= ").Append(Number(toStep));
        }
        if (query.FromTimeMs is { } fromTime)
        {
            where.Append(" AND ").Append(table.TimeAtLeast(fromTime));
        }
        if (query.ToTimeMs is { } toTime)
        {
            where.Append(" AND ").Append(table.TimeAtMost(toTime));
        }
        return where.ToString();
    }

    private static ExternalTable Wanted(string runId) => ExternalTable.Of("wanted", "run_id String", runId);

    private static ExternalTable Wanted(string runId, string metric) => ExternalTable.Of("wanted", "run_id String, metric String", runId, metric);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
