using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace TestSupport.Processes;

/// <summary>
/// One of our services run as a real process from its build output (as AppHost and Aspire run it), on a free
/// loopback port, with the environment a test gives it. Its output is kept for failure messages; the process
/// is killed at dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _project;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private ServiceProcess(string project, int port, int? managementPort, IReadOnlyDictionary<string, string?> environment)
    {
        _project = project;
        Port = port;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        ManagementAddress = managementPort is { } management ? new Uri($"http://127.0.0.1:{management}") : null;
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Where /health and /alive answer when the service was started with a management port, else null.</summary>
    public Uri? ManagementAddress { get; }

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The operating-system id of the running process (for memory readings), or 0 when stopped.</summary>
    public int ProcessId => _process is { HasExited: false } process ? process.Id : 0;

    /// <summary>The last lines the service wrote, for assertion messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <param name="project">The project folder name, e.g. "StreamApi".</param>
    /// <param name="readyPath">Polled until it answers 200; "/alive" when dependencies may be down on purpose.</param>
    /// <param name="managementPort">
    /// Also listen on this port and serve /health and /alive there alone (HealthEndpoints__Port), as published to
    /// Kubernetes; <paramref name="readyPath"/> is then polled there.
    /// </param>
    public static async Task<ServiceProcess> StartAsync(
        string project, IReadOnlyDictionary<string, string?> environment, string readyPath = "/health", int? port = null, int? managementPort = null)
    {
        var service = new ServiceProcess(project, port ?? FreePort.Next(), managementPort, environment);
        try
        {
            await service.StartAsync(readyPath);
        }
        catch
        {
            // A service that never got ready must not outlive the test that started it.
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    public async Task StartAsync(string readyPath = "/health")
    {
        var dll = System.IO.Path.Combine(RepositoryRoot.Path, _project, "bin", RepositoryRoot.Configuration, "net10.0", _project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", string.Join(';', new[] { BaseAddress, ManagementAddress }.OfType<Uri>().Select(a => a.ToString().TrimEnd('/'))) },
            WorkingDirectory = System.IO.Path.Combine(RepositoryRoot.Path, _project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["OTEL_SERVICE_NAME"] = _project.ToLowerInvariant();
        start.Environment["Logging__Console__FormatterName"] = "simple";
        if (ManagementAddress is { } management)
        {
            start.Environment["HealthEndpoints__Port"] = management.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{_project} did not start.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(readyPath, TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Starts <paramref name="project"/> expecting it to refuse its settings and stop during start-up; answers what it
    /// wrote. A process that starts anyway is stopped, and the call fails.
    /// </summary>
    public static async Task<string> RefusedStartAsync(string project, IReadOnlyDictionary<string, string?> environment)
    {
        ServiceProcess started;
        try
        {
            started = await StartAsync(project, environment, readyPath: "/alive");
        }
        catch (ServiceExitedException exited)
        {
            return exited.Output;
        }
        await started.DisposeAsync();
        throw new InvalidOperationException($"{project} started with settings it should have refused.");
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await process.KillAndDisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// What <c>/health</c> and <c>/alive</c> answer on the management port, then on the public port: OK, OK, 404, 404
    /// where the management port alone serves them.
    /// </summary>
    public async Task<HttpStatusCode[]> HealthAnswersAsync(CancellationToken cancellationToken)
    {
        var management = ManagementAddress ?? throw new InvalidOperationException($"{_project} was started without a management port.");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        List<HttpStatusCode> answers = [];
        foreach (var address in (Uri[])[management, BaseAddress])
        {
            foreach (var path in (string[])["/health", "/alive"])
            {
                using var response = await http.GetAsync(new Uri(address, path), cancellationToken);
                answers.Add(response.StatusCode);
            }
        }
        return [.. answers];
    }

    private async Task WaitUntilReadyAsync(string readyPath, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = ManagementAddress ?? BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var last = "no answer";
        await Eventually.HoldsAsync(async () =>
        {
            if (_process is null || _process.HasExited)
            {
                // Waiting for the exit also drains its output, so the exception holds its last words.
                _process?.WaitForExit();
                throw new ServiceExitedException(_project, RecentOutput);
            }
            try
            {
                using var response = await http.GetAsync(readyPath);
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                return response.IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                last = exception.Message;
                return false;
            }
        }, $"{_project} to be ready at {readyPath}", timeout, () => $"{last}:{Environment.NewLine}{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}
