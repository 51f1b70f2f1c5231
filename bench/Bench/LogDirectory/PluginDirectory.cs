using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Scanning;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TensorBoard;

namespace Bench.LogDirectory;

/// <summary>Writes plugin output directories as the ICON training plugin does, and scans them cold.</summary>
internal static class PluginDirectory
{
    public static readonly DateTime Start = new(2022, 1, 1, 6, 0, 0);

    public static string NewRoot(string purpose)
    {
        var root = Path.Combine(Path.GetTempPath(), $"dashboard-bench-{purpose}-{Guid.NewGuid():N}", "icon-output");
        Directory.CreateDirectory(root);
        return root;
    }

    public static string Stamp(int timestep) =>
        Start.AddMinutes(30 * timestep).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>One timestep's log and summary: <paramref name="batches"/> losses in Python float repr.</summary>
    public static void WriteTimestep(string root, int timestep, int batches, bool summary = true)
    {
        var random = new Random(timestep);
        var text = new StringBuilder(batches * 20);
        for (var b = 0; b < batches; b++)
        {
            text.Append((1.0 / (1 + (0.01 * timestep)) + (random.NextDouble() * 0.05)).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(Path.Combine(root, $"log_{Stamp(timestep)}.txt"), text.ToString());
        if (summary)
        {
            File.WriteAllText(Path.Combine(root, $"summary_{Stamp(timestep)}.txt"),
                $"Timestep: {Stamp(timestep)}\nGlobal Step: {(timestep + 1) * batches}\nNumber of Batches: {batches}\n");
        }
    }

    /// <summary>
    /// An event file of about <paramref name="bytes"/> as the plugin's SummaryWriter fills it: per timestep 100
    /// batches of <c>Loss/batch</c> and <c>Timestep/current</c>, five per-timestep scalars and two 1000-bucket
    /// histograms (parameters and gradients).
    /// </summary>
    public static long WriteEventFile(string root, long bytes)
    {
        var directory = Path.Combine(root, "runs", $"experiment_{Stamp(0)}");
        Directory.CreateDirectory(directory);
        using var stream = new FileStream(Path.Combine(directory, "events.out.tfevents.1795391398.bench.1.0"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteFileVersion(1_795_391_398);
        var sample = new double[64];
        long step = 0;
        for (var timestep = 0; stream.Position < bytes; timestep++)
        {
            var wall = 1_795_391_398.0 + timestep;
            for (var b = 0; b < 100; b++, step++)
            {
                writer.WriteScalar("Loss/batch", step, 1f / (1 + (step * 0.001f)), wall);
                writer.WriteScalar("Timestep/current", step, timestep, wall);
            }
            foreach (var tag in new[] { "Loss/mean_per_timestep", "Loss/std_per_timestep", "Loss/min_per_timestep", "Loss/max_per_timestep", "Learning_rate" })
            {
                writer.WriteScalar(tag, step, 0.01f, wall);
            }
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = Math.Sin(i + timestep);
            }
            writer.WriteHistogram("Parameters/weight", step, sample, wall, buckets: 1000);
            writer.WriteHistogram("Gradients/weight", step, sample, wall, buckets: 1000);
        }
        return stream.Position;
    }

    /// <summary>A scanner that has never seen the directory (an ingestor start), run until it has read everything.</summary>
    public static (LogDirectoryStore Store, long Samples) ScanCold(string root)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var store = new LogDirectoryStore();
        return (store, ScanAll(NewScanner(root, store, services), store));
    }

    /// <summary>A scanner over <paramref name="root"/> that has read nothing yet, as the ingestor builds it.</summary>
    public static DirectoryScanner NewScanner(string root, LogDirectoryStore store, IServiceProvider services, TimeSpan? fullListingInterval = null) =>
        new(root, store, new LogDirectoryHealthState(), new IngestorMetrics(services.GetRequiredService<IMeterFactory>()), NullLogger.Instance,
            fullListingInterval);

    /// <summary>Scans until the scanner has no more work; returns the samples it handed over.</summary>
    public static long ScanAll(DirectoryScanner scanner, LogDirectoryStore store)
    {
        long samples = 0;
        ScanOutput output;
        do
        {
            output = new ScanOutput(100_000);
            lock (store.Sync)
            {
                scanner.Scan(output);
            }
            samples += output.Batch.SampleCount;
        }
        while (output.MoreWork);
        return samples;
    }

    public static void Delete(string root)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(root)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
