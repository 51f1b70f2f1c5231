using System.Diagnostics;
using TestSupport;

namespace BrowserBench;

/// <summary>Frontend/app/bench/measure.mjs (headless Chromium through playwright-core), its JSON passed through.</summary>
internal static class MeasureScript
{
    public static async Task<int> RunAsync(Uri dashboard, int liveSeconds, int heapSampleSeconds)
    {
        var app = Path.Combine(RepositoryRoot.Path, "Frontend", "app");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine("bench", "measure.mjs"), dashboard.ToString(), $"{liveSeconds}", $"{heapSampleSeconds}" },
            WorkingDirectory = app,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        await node.WaitForExitAsync();
        return node.ExitCode;
    }
}
