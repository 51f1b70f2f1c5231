using System.Diagnostics;
using AppHost.Processes;
using AppHost.Tests.Support;

namespace AppHost.Tests.Processes;

/// <summary>AppHost run as its own process, the way a user runs it, then killed without a chance to clean up.</summary>
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task Children_DieWithAppHost_WhenItIsKilledWithSigKill()
    {
        // The whole graph with ClickHouse, as a user's run starts it: slower than the others on a loaded machine.
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(3));
        var dataDirectory = Directory.CreateTempSubdirectory("apphost-kill-").FullName;
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[typeof(Program).Assembly.Location, "--AppHost:GatewayPort=0", $"--AppHost:DataDirectory={dataDirectory}",
            "--AppHost:StreamApiReplicas=1", "--AppHost:HealthCheckInterval=00:00:01", "--AppHost:ClickHouse=LocalServer"])
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["NO_COLOR"] = "1";
        using var appHost = Process.Start(startInfo)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        appHost.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Dashboard ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        appHost.ErrorDataReceived += (_, _) => { };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout.Token);
            var children = ChildrenOf(appHost.Id);
            // clickhouse-server, ingestor, streamapi, frontend, gateway.
            Assert.Equal(5, children.Count);

            appHost.Kill(entireProcessTree: false);
            await appHost.WaitForExitAsync(timeout.Token);

            await ProcFs.WaitUntilGoneAsync(children, timeout.Token);
            Assert.All(children, pid => Assert.False(ProcFs.IsAlive(pid)));
        }
        finally
        {
            if (!appHost.HasExited)
            {
                appHost.Kill(entireProcessTree: true);
            }
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static List<int> ChildrenOf(int parent)
    {
        List<int> children = [];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }
        return children;
    }
}
