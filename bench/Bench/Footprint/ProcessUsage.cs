using System.Globalization;

namespace Bench.Footprint;

/// <summary>What the kernel says a process uses: resident memory now and at its peak, and CPU time so far.</summary>
internal readonly record struct ProcessUsage(long RssBytes, long PeakRssBytes, TimeSpan CpuTime)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux.

    public static ProcessUsage Read(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kibibytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kibibytes(line) * 1024;
            }
        }
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name, which may hold spaces).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessUsage(rss, peak, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
