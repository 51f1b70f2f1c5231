using ClickHouse.Http;
using Contracts.Series;
using Ingestor.Sources.ClickHouse.RunSettings;
using Ingestor.Telemetry;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Reads the whole history once at start, run by run (most recently active first, so the runs people watch
/// appear first), each run streamed in series order so batches hold long stretches of one series. Memory stays
/// at one batch: the response is read only as fast as the sink takes batches. If ClickHouse fails mid-run, the
/// retry skips what the sink already took, series by series, so nothing is handed on twice.
/// </summary>
public sealed class Backfiller(
    ClickHouseHttpClient client, MetricHandOff handOff, RunTracker runs, RecentRowFilter recent, Utf8StringCache strings,
    RunSettingsReader settings, ClickHouseSourceOptions options, IngestorMetrics metrics)
{
    private readonly Queue<string> _pending = new();
    private readonly Dictionary<SeriesKey, (long Step, long TimeMs)> _delivered = [];
    private readonly Dictionary<SeriesKey, (long Step, long TimeMs)> _deliveredInBatch = [];
    private bool _planned;

    public bool IsComplete => _planned && _pending.Count == 0;

    public int RunsTotal { get; private set; }

    public int RunsDone => RunsTotal - _pending.Count;

    public long RowsDelivered { get; private set; }

    /// <summary>
    /// The start of the first poll window (Unix seconds): late-arrival window before the newest row at start.
    /// Rows from there on are also remembered by <see cref="RecentRowFilter"/>, so the first poll does not hand
    /// them on again.
    /// </summary>
    public long WindowStartSecond { get; private set; }

    /// <param name="progress">Told (runs done, runs in all) before each run.</param>
    public async Task RunAsync(MetricTable table, DateTimeOffset now, Action<int, int> progress, CancellationToken stoppingToken)
    {
        if (!_planned)
        {
            await PlanAsync(table, now, stoppingToken);
        }
        while (_pending.TryPeek(out var runId))
        {
            progress(RunsDone, RunsTotal);
            await BackfillRunAsync(table, runId, stoppingToken);
            _pending.Dequeue();
            _delivered.Clear();
        }
    }

    private async Task PlanAsync(MetricTable table, DateTimeOffset now, CancellationToken stoppingToken)
    {
        List<RunSummary> summaries;
        using (var deadline = new QueryDeadline(options.QueryTimeout, stoppingToken))
        {
            summaries = await RunMetadataQuery.ReadAsync(client, table, sinceMs: null, strings, deadline);
        }
        foreach (var summary in summaries)
        {
            runs.Merge(summary);
        }
        await settings.ReadAsync(table, sinceMs: null, runs, strings, stoppingToken);
        foreach (var summary in summaries.OrderByDescending(summary => summary.LastMs))
        {
            _pending.Enqueue(summary.RunId);
        }
        RunsTotal = _pending.Count;
        var reference = Math.Min(runs.NewestTimeMs ?? long.MaxValue, now.ToUnixTimeMilliseconds());
        WindowStartSecond = RecentRowFilter.SecondOf(reference - (long)options.LateArrivalWindow.TotalMilliseconds);
        await handOff.AnnounceRunChangesAsync(stoppingToken);
        _planned = true;
    }

    private async Task BackfillRunAsync(MetricTable table, string runId, CancellationToken stoppingToken)
    {
        using var deadline = new QueryDeadline(options.QueryTimeout, stoppingToken);
        var sql = $"SELECT {table.RowColumns} FROM {table.QualifiedName} WHERE run_id IN (SELECT run_id FROM wanted) " +
                  "ORDER BY run_id, metric, host, rank, device, step, event_time FORMAT TabSeparated";
        var read = 0L;
        try
        {
            await using var response = await client.QueryAsync(
                sql, [ExternalTable.Of("wanted", "run_id String", runId)], deadline.Token);
            var resuming = _delivered.Count > 0;
            var last = default(MetricRow);
            while (await response.Rows.ReadMoreAsync(deadline.Restart()))
            {
                while (MetricRow.TryRead(response.Rows, strings, out var row))
                {
                    read++;
                    if (resuming && WasDelivered(row))
                    {
                        continue;
                    }
                    if (RecentRowFilter.SecondOf(row.TimeMs) >= WindowStartSecond && !recent.TryAdd(row))
                    {
                        continue;
                    }
                    if (!row.Series.Equals(last.Series) && last.Series.RunId is not null)
                    {
                        _deliveredInBatch[last.Series] = (last.Step, last.TimeMs);
                    }
                    handOff.Add(row);
                    last = row;
                    if (handOff.IsFull)
                    {
                        _deliveredInBatch[last.Series] = (last.Step, last.TimeMs);
                        deadline.Pause();
                        await FlushAsync(stoppingToken);
                    }
                }
            }
            if (last.Series.RunId is not null)
            {
                _deliveredInBatch[last.Series] = (last.Step, last.TimeMs);
            }
            deadline.Pause();
            await FlushAsync(stoppingToken);
        }
        catch
        {
            recent.Rollback();
            handOff.Discard();
            _deliveredInBatch.Clear();
            throw;
        }
        finally
        {
            metrics.RowsRead.Add(read, ClickHouseSource.SourceTag);
        }
    }

    private async Task FlushAsync(CancellationToken stoppingToken)
    {
        RowsDelivered += await handOff.FlushAsync(stoppingToken);
        recent.Commit();
        foreach (var (series, position) in _deliveredInBatch)
        {
            _delivered[series] = position;
        }
        _deliveredInBatch.Clear();
    }

    private bool WasDelivered(in MetricRow row) =>
        _delivered.TryGetValue(row.Series, out var done)
        && (row.Step < done.Step || (row.Step == done.Step && row.TimeMs <= done.TimeMs));
}
