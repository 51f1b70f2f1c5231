using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AppHost.Processes;

/// <summary>
/// One child process kept alive: its output is written with its name in front, a crash is reported and followed by
/// a restart after a backoff, and a stop ends its whole process group (SIGTERM, then SIGKILL after a grace period).
/// </summary>
public sealed partial class SupervisedProcess : IAsyncDisposable
{
    private readonly string resourceName;
    private readonly Func<ProcessSpec> createSpec;
    private readonly ChildProcessLauncher launcher;
    private readonly ConsoleOutput output;
    private readonly RestartPolicy restartPolicy;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private Process? process;
    private Task supervision = Task.CompletedTask;

    public SupervisedProcess(string resourceName, string displayName, Func<ProcessSpec> createSpec, ChildProcessLauncher launcher,
        ConsoleOutput output, RestartPolicy restartPolicy, TimeProvider timeProvider, ILogger logger)
    {
        this.resourceName = resourceName;
        DisplayName = displayName;
        this.createSpec = createSpec;
        this.launcher = launcher;
        this.output = output;
        this.restartPolicy = restartPolicy;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public string DisplayName { get; }

    /// <summary>The pid of the running child, or null between a crash and its restart.</summary>
    public int? ProcessId { get; private set; }

    public int RestartCount { get; private set; }

    public int? LastExitCode { get; private set; }

    /// <summary>Raised after a (re)start and after an exit, so the owner can report the new state.</summary>
    public event Action<SupervisedProcess>? Changed;

    /// <summary>Starts the child the first time; throws when it cannot be started at all (missing executable).</summary>
    public async Task StartAsync()
    {
        await LaunchAsync();
        supervision = SuperviseAsync(stopping.Token);
    }

    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (stopping.IsCancellationRequested)
        {
            await supervision;
            return;
        }
        await stopping.CancelAsync();
        await supervision;
        if (process is { } child)
        {
            await TerminateAsync(child, gracePeriod);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    private async Task LaunchAsync()
    {
        var spec = createSpec();
        var startInfo = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var child = await launcher.StartAsync(startInfo);
        child.OutputDataReceived += (_, e) => WriteOutput(e.Data);
        child.ErrorDataReceived += (_, e) => WriteOutput(e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        // Children never read the terminal: Ctrl+C belongs to AppHost.
        child.StandardInput.Close();
        process = child;
        ProcessId = child.Id;
        Log.Started(logger, DisplayName, child.Id);
        Changed?.Invoke(this);
    }

    private void WriteOutput(string? line)
    {
        if (line is not null)
        {
            output.WriteLine(resourceName, DisplayName, line);
        }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var consecutiveFailures = 0;
        while (!stop.IsCancellationRequested)
        {
            var startedAt = timeProvider.GetTimestamp();
            try
            {
                await process!.WaitForExitAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            LastExitCode = process.ExitCode;
            ProcessId = null;
            process.Dispose();
            process = null;
            Changed?.Invoke(this);

            consecutiveFailures = timeProvider.GetElapsedTime(startedAt) >= restartPolicy.StableAfter ? 1 : consecutiveFailures + 1;
            var delay = restartPolicy.DelayFor(consecutiveFailures);
            Log.Crashed(logger, DisplayName, LastExitCode.Value, delay.TotalSeconds, RestartCount + 1);

            while (true)
            {
                try
                {
                    await Task.Delay(delay, timeProvider, stop);
                    RestartCount++;
                    await LaunchAsync();
                    break;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception) when (exception is Win32Exception or InvalidOperationException or IOException)
                {
                    consecutiveFailures++;
                    delay = restartPolicy.DelayFor(consecutiveFailures);
                    Log.RestartFailed(logger, exception, DisplayName, delay.TotalSeconds);
                }
            }
        }
    }

    private async Task TerminateAsync(Process child, TimeSpan gracePeriod)
    {
        var pid = child.Id;
        try
        {
            if (!child.HasExited)
            {
                if (!ProcessGroup.Signal(pid, ProcessGroup.SigTerm, launcher.UsesOwnProcessGroups))
                {
                    child.Kill(entireProcessTree: true);
                }
                using var grace = new CancellationTokenSource(gracePeriod, timeProvider);
                try
                {
                    await child.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    Log.Killing(logger, DisplayName, gracePeriod.TotalSeconds);
                    ProcessGroup.Signal(pid, ProcessGroup.SigKill, launcher.UsesOwnProcessGroups);
                    child.Kill(entireProcessTree: true);
                    await child.WaitForExitAsync(CancellationToken.None);
                }
            }
            else if (launcher.UsesOwnProcessGroups)
            {
                // The leader is gone; anything it left in its group goes with it.
                ProcessGroup.Signal(pid, ProcessGroup.SigKill, ownGroup: true);
            }
            LastExitCode = child.ExitCode;
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already reaped.
        }
        finally
        {
            ProcessId = null;
            child.Dispose();
            process = null;
            Log.Stopped(logger, DisplayName, pid);
            Changed?.Invoke(this);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{Name} started as pid {Pid}")]
        public static partial void Started(ILogger logger, string name, int pid);

        [LoggerMessage(2, LogLevel.Warning, "{Name} exited with code {ExitCode}; restarting in {DelaySeconds:F1} s (restart {Restart})")]
        public static partial void Crashed(ILogger logger, string name, int exitCode, double delaySeconds, int restart);

        [LoggerMessage(3, LogLevel.Error, "{Name} could not be restarted; trying again in {DelaySeconds:F1} s")]
        public static partial void RestartFailed(ILogger logger, Exception exception, string name, double delaySeconds);

        [LoggerMessage(4, LogLevel.Warning, "{Name} did not stop within {GraceSeconds:F0} s of SIGTERM; killing it")]
        public static partial void Killing(ILogger logger, string name, double graceSeconds);

        [LoggerMessage(5, LogLevel.Debug, "{Name} (pid {Pid}) stopped")]
        public static partial void Stopped(ILogger logger, string name, int pid);
    }
}
