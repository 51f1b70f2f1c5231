using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Frontend.Tests;

/// <summary>
/// Runs the dashboard app's Vitest suite (store, stream client, smoothing, formatting, CSV, URL state), so the
/// repository's one test command covers it. A failure carries Vitest's own report.
/// </summary>
public sealed class VitestSuiteTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task VitestSuite_Passes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var appDirectory = typeof(VitestSuiteTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "FrontendAppDirectory").Value!;
        Assert.True(File.Exists(Path.Combine(appDirectory, "node_modules", ".package-lock.json")),
            $"node_modules is missing in {appDirectory}: build the Frontend project first (it runs npm ci).");

        var (exitCode, output) = await RunAsync(appDirectory, cancellationToken);

        Assert.True(exitCode == 0, $"vitest exited with {exitCode}:\n{output}");
        Assert.Contains("passed", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = OperatingSystem.IsWindows() ? "npm.cmd" : "npm",
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "test", "--silent", "--", "--reporter=verbose" })
        {
            start.ArgumentList.Add(argument);
        }
        // Plain output: no colour codes in the failure message, no watch mode.
        start.Environment["CI"] = "true";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vitest did not finish within {Timeout}:\n{output}");
        }
        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
