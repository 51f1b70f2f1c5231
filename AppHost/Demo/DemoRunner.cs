using AppHost.ClickHouse;
using AppHost.Model;
using AppHost.Orchestration;
using Microsoft.Extensions.Logging;

namespace AppHost.Demo;

/// <summary>
/// Runs the demo generator in AppHost: on start it writes a finished ICON simulation (hours old) and the history of
/// the ClickHouse runs, then keeps a live ICON simulation and live ClickHouse runs going until AppHost stops. Healthy
/// while its loops run; a failed iteration is logged and counted, and the loop carries on.
/// </summary>
public sealed partial class DemoRunner(DemoResource demo, HttpClient http, TimeProvider timeProvider, ILogger<DemoRunner> logger) : IResourceRunner
{
    private static readonly DateTime LiveSimulationStart = new(2022, 1, 1, 6, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime FinishedSimulationStart = new(2021, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly TimeSpan TimestepLength = TimeSpan.FromMinutes(30);

    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];
    private IconRunWriter? liveWriter;
    private int failedIterations;

    public Resource Resource => demo;

    public int FailedIterations => failedIterations;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = demo.Options;
        var now = timeProvider.GetUtcNow().UtcDateTime;

        using var finished = new IconRunWriter(demo.FinishedLogDirectory, FinishedSimulationStart, TimestepLength, options.BatchesPerTimestep,
            new LossCurve(seed: 11, initial: 1.1, floor: 0.18, decaySteps: options.FinishedRunTimesteps * options.BatchesPerTimestep / 3.0, noise: 0.05),
            options.TimestepInterval);
        finished.StartSimulation();
        var finishedAt = now - TimeSpan.FromHours(3);
        for (var index = 0; index < options.FinishedRunTimesteps; index++)
        {
            finished.WriteTimestep(index, finishedAt - (options.TimestepInterval * (options.FinishedRunTimesteps - 1 - index)));
        }

        var live = new IconRunWriter(demo.LiveLogDirectory, LiveSimulationStart, TimestepLength, options.BatchesPerTimestep,
            new LossCurve(seed: 12, initial: 1.0, floor: 0.12, decaySteps: 40 * options.BatchesPerTimestep, noise: 0.06),
            options.TimestepInterval);
        liveWriter = live;
        live.StartSimulation();
        live.WriteTimestep(0, now);
        loops.Add(RunIconAsync(live, stopping.Token));

        if (demo.ClickHouse is { } clickhouse)
        {
            var writer = new ClickHouseMetricWriter(new ClickHouseHttpClient(http, clickhouse.ConnectionString));
            await writer.InitializeAsync(cancellationToken);
            var stamp = now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var baseline = new TrainingRunProfile($"demo-llm-7b-baseline-{stamp}", 21, Hosts: 1, GpusPerHost: 4, TokensPerStepPerGpu: 4096,
                MixtureOfExperts: false, SparseAttention: true, new LossCurve(21, 10.5, 2.4, 900, 0.02));
            var large = new TrainingRunProfile($"demo-llm-7b-{stamp}", 22, Hosts: 2, GpusPerHost: 4, TokensPerStepPerGpu: 4096,
                MixtureOfExperts: false, SparseAttention: true, new LossCurve(22, 10.8, 2.1, 1100, 0.02));
            var moe = new TrainingRunProfile($"demo-moe-1b-{stamp}", 23, Hosts: 1, GpusPerHost: 2, TokensPerStepPerGpu: 8192,
                MixtureOfExperts: true, SparseAttention: false, new LossCurve(23, 9.6, 2.6, 700, 0.03));

            // The baseline ended an hour ago; one NaN loss in it shows how the dashboard marks a diverged step.
            var baselineEnd = now - TimeSpan.FromHours(1);
            await WriteHistoryAsync(writer, baseline, options.FinishedRunSteps, baselineEnd, nanAtStep: options.FinishedRunSteps / 2, cancellationToken);
            await WriteHistoryAsync(writer, large, options.LiveRunHistorySteps, now, nanAtStep: null, cancellationToken);
            await WriteHistoryAsync(writer, moe, options.LiveRunHistorySteps, now, nanAtStep: null, cancellationToken);
            loops.Add(RunClickHouseAsync(writer, [large, moe], options.LiveRunHistorySteps, stopping.Token));
            Log.ClickHouseRuns(logger, string.Join("; ", new[] { baseline, large, moe }.Select(TrainingMetrics.Describe)));
        }
        Log.Started(logger, demo.LiveLogDirectory, demo.FinishedLogDirectory);
    }

    public Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(loops.FirstOrDefault(l => l.IsCompleted) is { } ended
            ? HealthCheck.Unhealthy($"a demo loop ended: {ended.Exception?.GetBaseException().Message ?? "stopped"}")
            : HealthCheck.Healthy);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
        liveWriter?.Dispose();
    }

    private async Task RunIconAsync(IconRunWriter live, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(demo.Options.TimestepInterval, timeProvider);
        var index = 1;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    // Someone deleting the directory is a new simulation too: starting over beats failing forever.
                    if (index >= demo.Options.TimestepsPerSimulation || !Directory.Exists(live.Directory))
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
                    Interlocked.Increment(ref failedIterations);
                    Log.IterationFailed(logger, exception, "log directory");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunClickHouseAsync(ClickHouseMetricWriter writer, TrainingRunProfile[] runs, long firstStep, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(demo.Options.StepInterval, timeProvider);
        var step = firstStep;
        List<MetricRow> rows = [];
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = timeProvider.GetUtcNow().UtcDateTime;
                foreach (var run in runs)
                {
                    TrainingMetrics.AppendStep(run, step, now, rows);
                }
                try
                {
                    await writer.WriteAsync(rows, stop);
                    rows.Clear();
                    step++;
                }
                catch (HttpRequestException exception)
                {
                    // The rows stay and go with the next step's, so nothing is lost while ClickHouse is away.
                    Interlocked.Increment(ref failedIterations);
                    Log.IterationFailed(logger, exception, "ClickHouse");
                    step++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteHistoryAsync(ClickHouseMetricWriter writer, TrainingRunProfile run, int steps, DateTime end, long? nanAtStep,
        CancellationToken cancellationToken)
    {
        const int RowsPerInsert = 20_000;
        List<MetricRow> rows = [];
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
    }
}
