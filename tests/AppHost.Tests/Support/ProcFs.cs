using System.Text;
using TestSupport;

namespace AppHost.Tests.Support;

/// <summary>What /proc says about processes: whether one exists, its environment, its parent.</summary>
public static class ProcFs
{
    public static bool IsAlive(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
        try
        {
            // A zombie (state Z) has exited and only waits to be reaped.
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's arguments joined by spaces; empty once it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Replace('\0', ' ').Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static IReadOnlyDictionary<string, string> Environment(int pid)
    {
        var bytes = File.ReadAllBytes($"/proc/{pid}/environ");
        Dictionary<string, string> variables = new(StringComparer.Ordinal);
        foreach (var entry in Encoding.UTF8.GetString(bytes).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
            {
                variables[entry[..equals]] = entry[(equals + 1)..];
            }
        }
        return variables;
    }

    /// <summary>Every live process whose environment holds <paramref name="text"/>, wherever it was reparented to.</summary>
    public static IReadOnlyList<int> ProcessesWithEnvironmentContaining(string text) =>
        LiveProcessesWhose("environ", environment => environment.Contains(text, StringComparison.Ordinal));

    /// <summary>Every live process whose command line (arguments joined by spaces) holds <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> ProcessesWithCommandLineContaining(string text) =>
        LiveProcessesWhose("cmdline", commandLine => commandLine.Replace('\0', ' ').Contains(text, StringComparison.Ordinal));

    /// <summary>Every live process but this one whose /proc/pid/<paramref name="file"/> matches.</summary>
    private static List<int> LiveProcessesWhose(string file, Func<string, bool> matches)
    {
        List<int> found = [];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == System.Environment.ProcessId)
            {
                continue;
            }
            try
            {
                if (matches(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, file)))) && IsAlive(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    public static Task WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan patience)
    {
        var remaining = pids.ToList();
        return Eventually.HoldsAsync(
            () =>
            {
                remaining.RemoveAll(pid => !IsAlive(pid));
                return remaining.Count == 0;
            },
            "the processes to end", patience,
            () => "still running: " + string.Join("; ", remaining.Select(pid => $"{pid} {CommandLine(pid)}")));
    }
}
