using System.Globalization;
using ClickHouse.Http;
using DemoGenerator.ClickHouse;
using DemoGenerator.Icon;
using Microsoft.Extensions.Options;

namespace DemoGenerator;

/// <summary>
/// On start it writes a finished ICON simulation (hours old) and the history of the ClickHouse runs, then keeps a
/// live ICON simulation and live ClickHouse runs going until it is stopped. A failed iteration is logged and counted,
/// and the loop carries on.
/// </summary>
public sealed partial class DemoWorker(IOptions<DemoOptions> options, DemoClickHouse clickhouse, TimeProvider timeProvider,
    ILogger<DemoWorker> logger) : BackgroundService
{
    private static readonly DateTime LiveSimulationStart = new(2022, 1, 1, 6, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime FinishedSimulationStart = new(2021, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly TimeSpan TimestepLength = TimeSpan.FromMinutes(30);

    private readonly DemoOptions _settings = options.Value;
    private int _failedIterations;
    private IconRunWriter? _live;
    private ClickHouseHttpClient? _client;
    private (ClickHouseMetricWriter Writer, TrainingRunProfile[] Runs)? _liveClickHouseRuns;

    /// <summary>Why a demo loop ended; null while they run.</summary>
    public Exception? Fault { get; private set; }

    public int FailedIterations => _failedIterations;

    /// <summary>
    /// Writes the initial data before the host starts serving: <c>/health</c> answers, and AppHost counts the demo as
    /// healthy, only once the finished runs and the live runs' history are there.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        WriteFinishedSimulation(now);
        _live = new IconRunWriter(_settings.LiveRunDirectory, LiveSimulationStart, TimestepLength, _settings.BatchesPerTimestep,
            new LossCurve(seed: 12, initial: 1.0, floor: 0.12, decaySteps: 40 * _settings.BatchesPerTimestep, noise: 0.06),
            _settings.TimestepInterval);
        _live.StartSimulation();
        _live.WriteTimestep(0, now);
        if (clickhouse.Settings is { } clickHouseSettings)
        {
            _client = new ClickHouseHttpClient(clickHouseSettings);
            _liveClickHouseRuns = await WriteClickHouseHistoryAsync(_client, now, cancellationToken);
        }
        Log.Started(logger, _settings.LiveRunDirectory, _settings.FinishedRunDirectory);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            List<Task> loops = [RunIconAsync(_live!, stoppingToken)];
            if (_liveClickHouseRuns is var (writer, runs))
            {
                loops.Add(RunClickHouseAsync(writer, runs, _settings.LiveRunHistorySteps, stoppingToken));
            }
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Fault = exception;
            Log.Faulted(logger, exception);
        }
    }

    public override void Dispose()
    {
        _live?.Dispose();
        _client?.Dispose();
        base.Dispose();
    }

    private void WriteFinishedSimulation(DateTime now)
    {
        using var finished = new IconRunWriter(_settings.FinishedRunDirectory, FinishedSimulationStart, TimestepLength, _settings.BatchesPerTimestep,
            new LossCurve(seed: 11, initial: 1.1, floor: 0.18, decaySteps: _settings.FinishedRunTimesteps * _settings.BatchesPerTimestep / 3.0, noise: 0.05),
            _settings.TimestepInterval);
        finished.StartSimulation();
        var finishedAt = now - TimeSpan.FromHours(3);
        for (var index = 0; index < _settings.FinishedRunTimesteps; index++)
        {
            finished.WriteTimestep(index, finishedAt - (_settings.TimestepInterval * (_settings.FinishedRunTimesteps - 1 - index)));
        }
    }

    /// <summary>Writes the history of three runs; returns the two that go on live.</summary>
    private async Task<(ClickHouseMetricWriter, TrainingRunProfile[])> WriteClickHouseHistoryAsync(ClickHouseHttpClient client, DateTime now,
        CancellationToken cancellationToken)
    {
        var writer = new ClickHouseMetricWriter(client);
        await writer.InitializeAsync(cancellationToken);
        var stamp = now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var baseline = new TrainingRunProfile($"demo-llm-7b-baseline-{stamp}", 21, "7B", Hosts: 1, GpusPerHost: 4, TokensPerStepPerGpu: 4096,
            MixtureOfExperts: false, SparseAttention: true, new LossCurve(21, 10.5, 2.4, 900, 0.02));
        var large = new TrainingRunProfile($"demo-llm-7b-{stamp}", 22, "7B", Hosts: 2, GpusPerHost: 4, TokensPerStepPerGpu: 4096,
            MixtureOfExperts: false, SparseAttention: true, new LossCurve(22, 10.8, 2.1, 1100, 0.02));
        var moe = new TrainingRunProfile($"demo-moe-1b-{stamp}", 23, "1B", Hosts: 1, GpusPerHost: 2, TokensPerStepPerGpu: 8192,
            MixtureOfExperts: true, SparseAttention: false, new LossCurve(23, 9.6, 2.6, 700, 0.03));

        // The baseline ended an hour ago; one NaN loss in it shows how the dashboard marks a diverged step.
        await WriteHistoryAsync(writer, baseline, _settings.FinishedRunSteps, now - TimeSpan.FromHours(1), nanAtStep: _settings.FinishedRunSteps / 2, cancellationToken);
        await WriteHistoryAsync(writer, large, _settings.LiveRunHistorySteps, now, nanAtStep: null, cancellationToken);
        await WriteHistoryAsync(writer, moe, _settings.LiveRunHistorySteps, now, nanAtStep: null, cancellationToken);
        Log.ClickHouseRuns(logger, string.Join("; ", new[] { baseline, large, moe }.Select(TrainingMetrics.Describe)));
        return (writer, [large, moe]);
    }

    private async Task RunIconAsync(IconRunWriter live, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_settings.TimestepInterval, timeProvider);
        var index = 1;
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                // Someone deleting the directory is a new simulation too: starting over beats failing forever.
                if (index >= _settings.TimestepsPerSimulation || !Directory.Exists(live.Directory))
                {
                    Log.SimulationRestarted(logger, live.Directory, index);
                    live.StartSimulation();
                    index = 0;
                }
                live.WriteTimestep(index, timeProvider.GetUtcNow().UtcDateTime);
                index++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref _failedIterations);
                Log.IterationFailed(logger, exception, "log directory");
            }
        }
    }

    private async Task RunClickHouseAsync(ClickHouseMetricWriter writer, TrainingRunProfile[] runs, long firstStep, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_settings.StepInterval, timeProvider);
        var step = firstStep;
        List<MetricPoint> rows = [];
        while (await timer.WaitForNextTickAsync(stop))
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            foreach (var run in runs)
            {
                TrainingMetrics.AppendStep(run, step, now, rows);
            }
            step++;
            try
            {
                await writer.WriteAsync(rows, stop);
                rows.Clear();
            }
            catch (ClickHouseException exception)
            {
                // The rows stay and go with the next step's, so nothing is lost while ClickHouse is away.
                Interlocked.Increment(ref _failedIterations);
                Log.IterationFailed(logger, exception, "ClickHouse");
            }
        }
    }

    private static async Task WriteHistoryAsync(ClickHouseMetricWriter writer, TrainingRunProfile run, int steps, DateTime end, long? nanAtStep,
        CancellationToken cancellationToken)
    {
        const int RowsPerInsert = 20_000;
        List<MetricPoint> rows = [];
        for (long step = 0; step < steps; step++)
        {
            var time = end - TimeSpan.FromSeconds(steps - step);
            var first = rows.Count;
            TrainingMetrics.AppendStep(run, step, time, rows);
            if (step == nanAtStep)
            {
                // loss_t1 is the first row of a step.
                rows[first] = rows[first] with { Value = double.NaN };
            }
            if (rows.Count >= RowsPerInsert)
            {
                await writer.WriteAsync(rows, cancellationToken);
                rows.Clear();
            }
        }
        await writer.WriteAsync(rows, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Demo data: live ICON run in {Live}, finished one in {Finished}")]
        public static partial void Started(ILogger logger, string live, string finished);

        [LoggerMessage(2, LogLevel.Information, "Demo runs in ClickHouse: {Runs}")]
        public static partial void ClickHouseRuns(ILogger logger, string runs);

        [LoggerMessage(3, LogLevel.Warning, "A demo iteration ({Target}) failed; the next one tries again")]
        public static partial void IterationFailed(ILogger logger, Exception exception, string target);

        [LoggerMessage(4, LogLevel.Information, "Demo simulation in {Directory} reached {Timesteps} timesteps and starts over, as ICON does")]
        public static partial void SimulationRestarted(ILogger logger, string directory, int timesteps);

        [LoggerMessage(5, LogLevel.Error, "The demo stopped writing")]
        public static partial void Faulted(ILogger logger, Exception exception);
    }
}
