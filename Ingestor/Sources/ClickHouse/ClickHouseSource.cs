using System.Diagnostics;
using ClickHouse.Http;
using Contracts.Series;
using Ingestor.Model;
using Ingestor.Resilience;
using Ingestor.Sources.ClickHouse.RunSettings;
using Ingestor.Telemetry;
using Microsoft.Extensions.Options;

namespace Ingestor.Sources.ClickHouse;

/// <summary>
/// Reads the ClickHouse metric table into the sink: the whole history once (<see cref="Backfiller"/>), then every
/// poll interval what is new (<see cref="MetricPoller"/>), and every run-metadata interval the runs' metadata.
/// A failed iteration is logged, counted and retried with exponential backoff; nothing moves forward unless the
/// sink took it, so after an outage the source carries on exactly where it stopped. It only ever reads.
/// </summary>
public sealed partial class ClickHouseSource(
    ClickHouseHttpClient client,
    IMetricSink sink,
    IOptions<ClickHouseSourceOptions> options,
    ClickHouseSourceStatus status,
    IngestorMetrics metrics,
    TimeProvider time,
    ILogger<ClickHouseSource> logger) : BackgroundService
{
    public static readonly KeyValuePair<string, object?> SourceTag = new("source", RunSource.ClickHouse);

    private readonly ClickHouseSourceOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var strings = new Utf8StringCache();
        var runs = new RunTracker(_options.ActiveWindow);
        var recent = new RecentRowFilter();
        var handOff = new MetricHandOff(sink, runs, time, _options.BatchSize);
        var settings = new RunSettingsReader(client, _options, metrics, logger);
        var backfiller = new Backfiller(client, handOff, runs, recent, strings, settings, _options, metrics);
        var poller = new MetricPoller(client, handOff, recent, strings, _options, metrics, time);
        MetricTable? table = null;
        var nextMetadata = DateTimeOffset.MinValue;
        var failures = 0;
        var retry = RetryForever.Create(_options, time, failure =>
        {
            failures++;
            var exception = failure.Outcome.Exception!;
            if (exception is MetricTableException || exception is ClickHouseException { IsUnknownTable: true })
            {
                // Look for the table again next time: it may be created, or the error may be about to change.
                table = null;
            }
            ReportFailure(exception, failures, failure.RetryDelay);
            return ValueTask.CompletedTask;
        });

        while (!stoppingToken.IsCancellationRequested)
        {
            var started = 0L;
            try
            {
                await retry.ExecuteAsync(async token =>
                {
                    started = time.GetTimestamp();
                    table ??= await OpenTableAsync(token);
                    if (!backfiller.IsComplete)
                    {
                        await BackfillAsync(backfiller, table, token);
                        poller.Start(backfiller.WindowStartSecond, runs.NewestTimeMs);
                        nextMetadata = time.GetUtcNow() + _options.RunMetadataInterval;
                    }
                    await poller.PollAsync(table, token);
                    if (time.GetUtcNow() >= nextMetadata)
                    {
                        await RefreshRunMetadataAsync(table, runs, strings, settings, handOff, token);
                        nextMetadata = time.GetUtcNow() + _options.RunMetadataInterval;
                    }
                    await handOff.AnnounceRunChangesAsync(token);
                    return true;
                }, stoppingToken);
                if (failures > 0)
                {
                    Log.Recovered(logger, failures);
                }
                failures = 0;
                status.Succeeded(time.GetUtcNow(), polling: true);
                var delay = _options.PollInterval - time.GetElapsedTime(started);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping cancels whatever was under way; nothing of it was handed on.
                return;
            }
        }
    }

    private async Task<MetricTable> OpenTableAsync(CancellationToken stoppingToken)
    {
        using var deadline = new QueryDeadline(_options.QueryTimeout, stoppingToken);
        var table = await MetricTable.OpenAsync(client, _options.Table, deadline.Token);
        Log.TableOpened(logger, table.Database, table.Name, client.Settings.Endpoint, table.HasMillisecondTime ? "DateTime64" : "DateTime");
        return table;
    }

    private async Task BackfillAsync(Backfiller backfiller, MetricTable table, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var rowsBefore = backfiller.RowsDelivered;
        await backfiller.RunAsync(table, time.GetUtcNow(), (done, total) => status.Backfilling(done, total), stoppingToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var rows = backfiller.RowsDelivered - rowsBefore;
        Log.BackfillCompleted(logger, backfiller.RunsTotal, rows, elapsed.TotalSeconds, rows / Math.Max(elapsed.TotalSeconds, 1e-3));
    }

    private async Task RefreshRunMetadataAsync(
        MetricTable table, RunTracker runs, Utf8StringCache strings, RunSettingsReader settings, MetricHandOff handOff, CancellationToken stoppingToken)
    {
        var since = (time.GetUtcNow() - _options.ActiveWindow - _options.LateArrivalWindow).ToUnixTimeMilliseconds();
        using (var deadline = new QueryDeadline(_options.QueryTimeout, stoppingToken))
        {
            foreach (var summary in await RunMetadataQuery.ReadAsync(client, table, since, strings, deadline))
            {
                runs.Merge(summary);
            }
        }
        await settings.ReadAsync(table, since, runs, strings, stoppingToken);
        await handOff.AnnounceAllRunsAsync(stoppingToken);
    }

    private void ReportFailure(Exception exception, int failures, TimeSpan delay)
    {
        var (kind, message) = exception switch
        {
            MetricTableException table => ("table_missing", table.Message),
            ClickHouseException { IsUnknownTable: true } unknown => ("table_missing", $"The table {_options.Table} is gone: {unknown.Message}"),
            ClickHouseException { IsUnreachable: true } unreachable => ("unreachable", unreachable.Message),
            ClickHouseException other => ("query", other.Message),
            OperationCanceledException => ("timeout", $"ClickHouse did not answer within {_options.QueryTimeout.TotalSeconds:F0} s"),
            _ => ("sink", $"{exception.GetType().Name}: {exception.Message}"),
        };
        metrics.SourceErrors.Add(1, SourceTag, new KeyValuePair<string, object?>("kind", kind));
        status.Failed(message, kind == "table_missing");
        if (kind == "table_missing")
        {
            Log.TableMissing(logger, message, failures, delay.TotalSeconds);
        }
        else
        {
            Log.IterationFailed(logger, exception, kind, message, failures, delay.TotalSeconds);
        }
    }
}
