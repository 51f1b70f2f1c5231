using System.Globalization;

namespace EndToEnd.Tests.Stack;

/// <summary>
/// An ICON/ComIn plugin output directory made from the fixtures (five timesteps of loss logs and summaries, and the
/// PyTorch event file of the same experiment), and what its loss logs say, read by the test itself.
/// </summary>
public sealed class LogDirectoryRun
{
    private LogDirectoryRun(string path, IReadOnlyList<IReadOnlyList<double>> timesteps, IReadOnlyList<string> timestepNames)
    {
        Location = path;
        Timesteps = timesteps;
        TimestepNames = timestepNames;
    }

    public string Location { get; }

    /// <summary><c>&lt;directory name&gt;@&lt;simulation start&gt;</c>, the start being the first loss log's timestamp here.</summary>
    public string RunId => $"{Path.GetFileName(Location)}@{TimestepNames[0].Replace(' ', 'T')}";

    /// <summary>The batch losses of each timestep, oldest first, in line order.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Timesteps { get; }

    /// <summary>The timestamps of the timesteps as the file names spell them ("2022-01-01 08:00:00").</summary>
    public IReadOnlyList<string> TimestepNames { get; }

    public IReadOnlyList<double> Losses => [.. Timesteps.SelectMany(t => t)];

    public static LogDirectoryRun Create(string path)
    {
        Copy(TestData("icon"), path);
        Copy(TestData("tensorboard", "runs", "experiment_2022-01-01 06:00:00"), Path.Combine(path, "runs", "experiment_2022-01-01 06:00:00"));
        var logs = Directory.GetFiles(path, "log_*.txt").Order(StringComparer.Ordinal).ToList();
        // The plugin writes a timestep's log and summary when the timestep ends, and their modification time is the
        // losses' wall time: make it a simulation that wrote a timestep every 30 s up to now (copies keep the
        // checkout's times, which would make the run's age depend on when the repository was cloned).
        var now = DateTime.UtcNow;
        for (var i = 0; i < logs.Count; i++)
        {
            var written = now.AddSeconds(-30 * (logs.Count - 1 - i));
            File.SetLastWriteTimeUtc(logs[i], written);
            File.SetLastWriteTimeUtc(Path.Combine(path, "summary_" + Path.GetFileName(logs[i])["log_".Length..]), written);
        }
        return new LogDirectoryRun(
            path,
            [.. logs.Select(file => (IReadOnlyList<double>)[.. File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => double.Parse(l, CultureInfo.InvariantCulture))])],
            [.. logs.Select(file => Path.GetFileNameWithoutExtension(file)["log_".Length..])]);
    }

    private static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            File.SetAttributes(target, FileAttributes.Normal);
        }
    }
}
