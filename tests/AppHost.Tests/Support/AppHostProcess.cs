using System.Collections.Concurrent;
using System.Diagnostics;
using TestSupport;

namespace AppHost.Tests.Support;

/// <summary>
/// AppHost run the way a user runs it: its own process with the Aspire dashboard on free ports, output collected
/// line by line. Every process it starts inherits a marker in its environment, so the test can find all of them
/// wherever they were reparented to; dispose kills what is left.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private AppHostProcess(Process process, string marker)
    {
        this._process = process;
        Marker = marker;
    }

    /// <summary>In the environment of AppHost and of every process it starts.</summary>
    public string Marker { get; }

    public int Pid => _process.Id;

    public string Output => string.Join('\n', _lines);

    public Uri AspireDashboard { get; private init; } = null!;

    public static AppHostProcess Start(params string[] arguments)
    {
        var marker = $"APPHOST_TEST_RUN={Guid.NewGuid():N}";
        var dashboard = new Uri($"http://localhost:{FreePort.Next()}");
        var appHost = typeof(AppHost.Settings.AppHostOptions).Assembly.Location;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Where `dotnet run --project AppHost` finds its appsettings.json.
            WorkingDirectory = Path.GetDirectoryName(Projects.AppHost.ProjectPath)!,
        };
        startInfo.ArgumentList.Add(appHost);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        // What AppHost's launch profile sets, on ports of this test's own.
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_URLS"] = dashboard.ToString().TrimEnd('/');
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        startInfo.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        startInfo.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        startInfo.Environment["NO_COLOR"] = "1";
        var (name, value) = (marker[..marker.IndexOf('=')], marker[(marker.IndexOf('=') + 1)..]);
        startInfo.Environment[name] = value;

        var started = new AppHostProcess(Process.Start(startInfo)!, marker) { AspireDashboard = dashboard };
        started._process.OutputDataReceived += (_, e) => started.Add(e.Data);
        started._process.ErrorDataReceived += (_, e) => started.Add(e.Data);
        started._process.BeginOutputReadLine();
        started._process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for a line of output that contains <paramref name="text"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(string text, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"AppHost exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            }
            await _lineArrived.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Sends AppHost alone a signal, as `kill -TERM` or `kill -KILL` would.</summary>
    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Every live process that carries this run's marker, AppHost included.</summary>
    public IReadOnlyList<int> Processes() => ProcFs.ProcessesWithEnvironmentContaining(Marker);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        foreach (var pid in Processes())
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _lineArrived.Release();
        }
    }
}
