using AppHost.Hosting;
using Microsoft.Extensions.Logging;

namespace AppHost.Processes;

/// <summary>Makes supervised children that share the launcher, the output and the restart policy of this AppHost.</summary>
public sealed class SupervisedProcessFactory(ChildProcessLauncher launcher, ConsoleOutput output, AppHostOptions options,
    TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    private readonly RestartPolicy restartPolicy = new(options.RestartDelay, options.MaxRestartDelay, StableAfter: TimeSpan.FromMinutes(1));

    public TimeSpan StopTimeout => options.StopTimeout;

    public SupervisedProcess Create(string resourceName, string displayName, Func<ProcessSpec> createSpec) =>
        new(resourceName, displayName, createSpec, launcher, output, restartPolicy, timeProvider,
            loggerFactory.CreateLogger($"AppHost.{displayName}"));
}
