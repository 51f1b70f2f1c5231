using System.Diagnostics;

namespace TestSupport.Processes;

public static class ProcessExtensions
{
    /// <summary>Kills the process and its children, as a crash or a network cut would, waits until they are gone, and releases it.</summary>
    public static async Task KillAndDisposeAsync(this Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
