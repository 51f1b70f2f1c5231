using System.Diagnostics;
using System.Text;
using ClickHouse.Http;
using Ingestor.Telemetry;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Fetches what is new since the last poll. The window starts <see cref="ClickHouseSourceOptions.LateArrivalWindow"/>
/// before the newest row (or before now, whichever is earlier, so one trainer with a clock running ahead cannot
/// drag the window past everyone else's rows). Each poll compares per-second row counts of the window with what
/// was read before (<see cref="SecondCounts"/>), reads rows from the first second that changed, and drops rows
/// already handed on (<see cref="RecentRowFilter"/>). Every condition is on event_time, so ClickHouse skips every
/// partition and part whose event_time range ends before the window. Before all that, one look at system.parts
/// tells whether anything was inserted at all since the last poll; an idle table costs no data read
/// (see docs/clickhouse.md for the cost of each query).
/// </summary>
public sealed class MetricPoller(
    ClickHouseHttpClient client, MetricHandOff handOff, RecentRowFilter recent, Utf8StringCache strings,
    ClickHouseSourceOptions options, IngestorMetrics metrics, TimeProvider time)
{
    private readonly SecondCounts _counts = new();
    private long _newestMs = long.MinValue;
    private string _partsAtLastPoll = "";

    /// <summary>The start of the window, Unix seconds; it only moves forward.</summary>
    public long WindowStartSecond { get; private set; } = long.MinValue;

    public void Start(long windowStartSecond, long? newestMs)
    {
        WindowStartSecond = windowStartSecond;
        _newestMs = newestMs ?? long.MinValue;
    }

    /// <summary>Hands on every new row; returns how many. The window moves only after the sink took them all.</summary>
    public async Task<int> PollAsync(MetricTable table, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var delivered = 0;
        using (var deadline = new QueryDeadline(options.QueryTimeout, stoppingToken))
        {
            var parts = await ReadPartsAsync(table, deadline);
            if (parts.Length == 0 || parts != _partsAtLastPoll)
            {
                var current = await ReadSecondCountsAsync(table, deadline);
                if (_counts.FirstChanged(current) is { } fromSecond)
                {
                    delivered = await ReadRowsAsync(table, fromSecond, deadline, stoppingToken);
                }
                _partsAtLastPoll = parts;
            }
        }
        AdvanceWindow();
        metrics.PollDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, ClickHouseSource.SourceTag);
        return delivered;
    }

    /// <summary>
    /// The newest block number of each partition. Every INSERT takes a new block number and merges keep them, so
    /// while this is unchanged nothing was inserted. Empty for engines without parts of their own (a Distributed
    /// table): then every poll reads.
    /// </summary>
    private async Task<string> ReadPartsAsync(MetricTable table, QueryDeadline deadline)
    {
        var wanted = ExternalTable.Of("wanted", "database String, table String", table.Database, table.Name);
        await using var response = await client.QueryAsync(
            "SELECT partition_id, max(max_block_number) FROM system.parts WHERE active AND (database, table) IN (SELECT database, table FROM wanted) " +
            "GROUP BY partition_id ORDER BY partition_id FORMAT TabSeparated",
            [wanted], deadline.Token);
        var parts = new StringBuilder();
        while (await response.Rows.ReadMoreAsync(deadline.Restart()))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                parts.Append(Encoding.UTF8.GetString(line)).Append('\n');
            }
        }
        return parts.ToString();
    }

    private async Task<List<(long Second, long Count)>> ReadSecondCountsAsync(MetricTable table, QueryDeadline deadline)
    {
        var sql = $"SELECT intDiv({table.TimeMs}, 1000) AS event_second, count() FROM {table.QualifiedName} " +
                  $"WHERE {table.TimeAtLeast(WindowStartSecond * 1000)} GROUP BY event_second ORDER BY event_second FORMAT TabSeparated";
        var counts = new List<(long, long)>();
        await using var response = await client.QueryAsync(sql, cancellationToken: deadline.Token);
        while (await response.Rows.ReadMoreAsync(deadline.Restart()))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                counts.Add((fields.NextInt64(), fields.NextInt64()));
                fields.End();
            }
        }
        return counts;
    }

    private async Task<int> ReadRowsAsync(MetricTable table, long fromSecond, QueryDeadline deadline, CancellationToken stoppingToken)
    {
        var sql = $"SELECT {table.RowColumns} FROM {table.QualifiedName} WHERE {table.TimeAtLeast(fromSecond * 1000)} " +
                  "ORDER BY run_id, metric, host, rank, device, step, event_time FORMAT TabSeparated";
        var counted = new Dictionary<long, long>();
        var newest = _newestMs;
        var delivered = 0;
        var read = 0L;
        try
        {
            await using var response = await client.QueryAsync(sql, cancellationToken: deadline.Token);
            while (await response.Rows.ReadMoreAsync(deadline.Restart()))
            {
                while (MetricRow.TryRead(response.Rows, strings, out var row))
                {
                    read++;
                    var second = RecentRowFilter.SecondOf(row.TimeMs);
                    counted[second] = counted.GetValueOrDefault(second) + 1;
                    newest = Math.Max(newest, row.TimeMs);
                    if (!recent.TryAdd(row))
                    {
                        continue;
                    }
                    handOff.Add(row);
                    if (handOff.IsFull)
                    {
                        deadline.Pause();
                        delivered += await handOff.FlushAsync(stoppingToken);
                        recent.Commit();
                    }
                }
            }
            delivered += await handOff.FlushAsync(stoppingToken);
            recent.Commit();
        }
        catch
        {
            recent.Rollback();
            handOff.Discard();
            throw;
        }
        finally
        {
            metrics.RowsRead.Add(read, ClickHouseSource.SourceTag);
        }
        _counts.Replace(fromSecond, counted);
        _newestMs = newest;
        return delivered;
    }

    private void AdvanceWindow()
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var reference = _newestMs == long.MinValue ? nowMs : Math.Min(_newestMs, nowMs);
        var candidate = RecentRowFilter.SecondOf(reference - (long)options.LateArrivalWindow.TotalMilliseconds);
        if (candidate > WindowStartSecond)
        {
            WindowStartSecond = candidate;
            _counts.ForgetBefore(candidate);
            recent.ForgetBefore(candidate);
        }
    }
}
