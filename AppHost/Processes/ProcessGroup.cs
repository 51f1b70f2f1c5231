using System.Runtime.InteropServices;

namespace AppHost.Processes;

/// <summary>
/// Signals a child and everything it started. Children run in their own session (see
/// <see cref="ChildProcessLauncher"/>), so the process group id equals the child's pid.
/// </summary>
internal static partial class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends the signal to the group led by <paramref name="pid"/>, or to the process alone when it leads none.</summary>
    public static bool Signal(int pid, int signal, bool ownGroup)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }
        if (ownGroup && Kill(-pid, signal) == 0)
        {
            return true;
        }
        return Kill(pid, signal) == 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
