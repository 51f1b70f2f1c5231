namespace AppHost.Resources;

/// <summary>
/// Finds a server program the way a shell would, and also in the <c>sbin</c> directories: Debian installs
/// <c>clickhouse-server</c> in <c>/usr/sbin</c>, which an ordinary user's PATH leaves out.
/// </summary>
public static class ExecutableLookup
{
    private static readonly string[] SystemDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="program"/> (a name, or a path used as given), or null if there is no such executable.</summary>
    public static string? Find(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return IsExecutable(program) ? Path.GetFullPath(program) : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemDirectories)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }
        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
