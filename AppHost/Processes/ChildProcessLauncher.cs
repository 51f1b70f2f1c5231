using System.Collections.Concurrent;
using System.Diagnostics;

namespace AppHost.Processes;

/// <summary>
/// Starts every child process of AppHost so that none outlives it. On Linux each child is started through
/// <c>setpriv --pdeathsig TERM</c> (the kernel sends SIGTERM to the child when AppHost dies, even by SIGKILL) and
/// <c>setsid</c> (the child leads its own process group, so a stop reaches its whole tree and a Ctrl+C on the
/// terminal reaches AppHost alone, which then stops children in dependency order).
/// The parent-death signal fires when the <em>thread</em> that forked the child exits, not the process, so all
/// children are forked from one dedicated thread that lives as long as AppHost.
/// </summary>
public sealed class ChildProcessLauncher : IDisposable
{
    private const string SetPriv = "/usr/bin/setpriv";
    private const string SetSid = "/usr/bin/setsid";

    private readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> requests = new();
    private readonly Thread thread;

    public ChildProcessLauncher()
    {
        UsesOwnProcessGroups = OperatingSystem.IsLinux() && File.Exists(SetPriv) && File.Exists(SetSid);
        thread = new Thread(Run) { IsBackground = true, Name = "child-process-launcher" };
        thread.Start();
    }

    /// <summary>True when children lead their own process group and die with AppHost.</summary>
    public bool UsesOwnProcessGroups { get; }

    public Task<Process> StartAsync(ProcessStartInfo startInfo)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        requests.Add((Wrap(startInfo), started));
        return started.Task;
    }

    public void Dispose() => requests.CompleteAdding();

    private ProcessStartInfo Wrap(ProcessStartInfo startInfo)
    {
        if (!UsesOwnProcessGroups)
        {
            return startInfo;
        }
        string[] original = [startInfo.FileName, .. startInfo.ArgumentList];
        startInfo.FileName = SetPriv;
        startInfo.ArgumentList.Clear();
        foreach (var argument in (string[])["--pdeathsig", "TERM", "--", SetSid, "--", .. original])
        {
            startInfo.ArgumentList.Add(argument);
        }
        return startInfo;
    }

    private void Run()
    {
        foreach (var (startInfo, started) in requests.GetConsumingEnumerable())
        {
            try
            {
                var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
                process.Start();
                started.SetResult(process);
            }
            catch (Exception exception)
            {
                started.SetException(exception);
            }
        }
    }
}
