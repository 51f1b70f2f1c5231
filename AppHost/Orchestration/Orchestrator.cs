using AppHost.Hosting;
using AppHost.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppHost.Orchestration;

/// <summary>
/// Brings the graph up and down. Each resource waits for the health of what it waits for (Aspire's WaitFor: a failed
/// dependency means the dependent is not started), is started, and is then watched: its health is checked on an
/// interval and every change is reported. Stopping goes the other way: dependents first, then what they depend on.
/// </summary>
public sealed partial class Orchestrator(IEnumerable<IResourceRunner> runners, ResourceNotificationService notifications,
    AppHostOptions options, TimeProvider timeProvider, ILogger<Orchestrator> logger) : IHostedService
{
    private static readonly TimeSpan FirstProbeDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan UnhealthyProbeInterval = TimeSpan.FromSeconds(1);

    private readonly IResourceRunner[] runners = [.. runners];
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> lifecycles = [];
    private int stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var runner in runners)
        {
            notifications.Register(runner.Resource.Name);
        }
        foreach (var runner in runners)
        {
            lifecycles.Add(Task.Run(() => RunAsync(runner, stopping.Token), CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync();
        await Task.WhenAll(lifecycles);
        foreach (var wave in StopWaves())
        {
            await Task.WhenAll(wave.Select(runner => StopAsync(runner, cancellationToken)));
        }
    }

    private async Task RunAsync(IResourceRunner runner, CancellationToken stop)
    {
        var name = runner.Resource.Name;
        try
        {
            notifications.Publish(name, s => s with { State = ResourceState.Waiting });
            foreach (var dependency in runner.Resource.WaitsFor)
            {
                try
                {
                    await notifications.WaitForResourceHealthyAsync(dependency.Name, stop);
                }
                catch (DistributedApplicationException exception)
                {
                    Fail(name, $"it waits for '{dependency.Name}', which will not become healthy", exception);
                    return;
                }
            }

            notifications.Publish(name, s => s with { State = ResourceState.Starting });
            using (var startup = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                startup.CancelAfter(options.StartupTimeout);
                try
                {
                    await runner.StartAsync(startup.Token);
                }
                catch (Exception exception) when (!stop.IsCancellationRequested)
                {
                    Fail(name, exception is OperationCanceledException
                        ? $"it did not start within {options.StartupTimeout.TotalSeconds:F0} s (AppHost__StartupTimeout)"
                        : exception.Message, exception);
                    return;
                }
            }
            notifications.Publish(name, s => s with { State = ResourceState.Running });
            await WatchHealthAsync(runner, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task WatchHealthAsync(IResourceRunner runner, CancellationToken stop)
    {
        var name = runner.Resource.Name;
        var started = timeProvider.GetTimestamp();
        var delay = FirstProbeDelay;
        var reportedSlowStart = false;
        var last = HealthStatus.Unknown;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(delay, timeProvider, stop);
            HealthCheck check;
            try
            {
                check = await runner.CheckHealthAsync(stop);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                check = HealthCheck.Unhealthy(exception.Message);
            }

            var status = check.IsHealthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
            if (status != last)
            {
                notifications.Publish(name, s => s with { Health = status, Message = check.Reason });
                if (status == HealthStatus.Healthy)
                {
                    Log.Healthy(logger, name);
                }
                else if (last == HealthStatus.Healthy)
                {
                    Log.BecameUnhealthy(logger, name, check.Reason);
                }
                last = status;
            }
            if (status == HealthStatus.Unhealthy && !reportedSlowStart && timeProvider.GetElapsedTime(started) > options.StartupTimeout)
            {
                reportedSlowStart = true;
                Log.SlowStart(logger, name, options.StartupTimeout.TotalSeconds, check.Reason);
            }
            delay = status == HealthStatus.Healthy
                ? options.HealthCheckInterval
                : last == HealthStatus.Unknown || delay < UnhealthyProbeInterval ? Min(delay * 2, UnhealthyProbeInterval) : UnhealthyProbeInterval;
        }
    }

    private async Task StopAsync(IResourceRunner runner, CancellationToken cancellationToken)
    {
        var name = runner.Resource.Name;
        var state = notifications.Get(name).State;
        if (state is ResourceState.NotStarted or ResourceState.Waiting)
        {
            return;
        }
        // A failed start can leave replicas behind; StopAsync clears them too.
        notifications.Publish(name, s => s with { State = ResourceState.Stopping });
        try
        {
            await runner.StopAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            Log.StopFailed(logger, exception, name);
        }
        notifications.Publish(name, s => s with
        {
            State = state == ResourceState.FailedToStart ? ResourceState.FailedToStart : ResourceState.Finished,
            Health = HealthStatus.Unknown,
        });
    }

    /// <summary>Groups of runners that can stop together: each group holds what nothing still running depends on.</summary>
    private List<IResourceRunner[]> StopWaves()
    {
        var remaining = runners.ToList();
        List<IResourceRunner[]> waves = [];
        while (remaining.Count > 0)
        {
            var wave = remaining.Where(candidate => !remaining.Any(other => DependsOn(other.Resource, candidate.Resource))).ToArray();
            if (wave.Length == 0)
            {
                wave = [.. remaining];
            }
            waves.Add(wave);
            remaining.RemoveAll(wave.Contains);
        }
        return waves;
    }

    private static bool DependsOn(Resource dependent, Resource dependency) =>
        dependent.WaitsFor.Contains(dependency) || (dependent is ProjectResource project && project.References.Contains(dependency));

    private void Fail(string name, string reason, Exception? exception)
    {
        Log.FailedToStart(logger, exception, name, reason);
        notifications.Publish(name, s => s with { State = ResourceState.FailedToStart, Message = reason });
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Resource} is healthy")]
        public static partial void Healthy(ILogger logger, string resource);

        [LoggerMessage(2, LogLevel.Warning, "{Resource} is unhealthy: {Reason}")]
        public static partial void BecameUnhealthy(ILogger logger, string resource, string? reason);

        [LoggerMessage(3, LogLevel.Error, "{Resource} failed to start: {Reason}")]
        public static partial void FailedToStart(ILogger logger, Exception? exception, string resource, string reason);

        [LoggerMessage(4, LogLevel.Error, "{Resource} is still not healthy {Seconds:F0} s after it started: {Reason}")]
        public static partial void SlowStart(ILogger logger, string resource, double seconds, string? reason);

        [LoggerMessage(5, LogLevel.Error, "Stopping {Resource} failed")]
        public static partial void StopFailed(ILogger logger, Exception exception, string resource);
    }
}
