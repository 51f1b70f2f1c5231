using System.ComponentModel;
using System.Diagnostics;

namespace TestSupport.Processes;

/// <summary>Starts a server the machine provides (a Debian package that .ci/run installs), saying how to get it when it is missing.</summary>
public static class InstalledServer
{
    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected and drained (a full pipe would stop the server).
    /// </summary>
    public static Process Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"{start.FileName} is not installed; .ci/run installs it (apt-get install {start.FileName}).", exception);
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
