using System.Globalization;
using System.Text;

namespace Bench.Footprint;

/// <summary>
/// The ICON loss monitor's workload: one plugin directory of timesteps, each a <c>log_</c> file of batch losses in
/// Python float repr and a <c>summary_</c> file, named by the simulated time (30 minutes apart), as the plugin writes them.
/// </summary>
internal sealed class IconWorkload(string directory, int batches)
{
    private static readonly DateTime SimulationStart = new(2022, 1, 1, 6, 0, 0, DateTimeKind.Unspecified);

    public int Batches => batches;

    public static string Stamp(int timestep) =>
        SimulationStart.AddMinutes(30 * timestep).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The ISO form the REST API answers with.</summary>
    public static string IsoStamp(int timestep) =>
        SimulationStart.AddMinutes(30 * timestep).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    public void WriteHistory(int timesteps) => Parallel.For(0, timesteps, timestep => WriteTimestep(timestep));

    /// <summary>The log first, then the summary: the plugin writes the summary once the timestep is done.</summary>
    public void WriteTimestep(int timestep)
    {
        var random = new Random(timestep);
        var text = new StringBuilder(batches * 20);
        for (var batch = 0; batch < batches; batch++)
        {
            text.Append((1.0 / (1 + (0.001 * timestep)) + (random.NextDouble() * 0.05)).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(Path.Combine(directory, $"log_{Stamp(timestep)}.txt"), text.ToString());
        File.WriteAllText(Path.Combine(directory, $"summary_{Stamp(timestep)}.txt"),
            $"Timestep: {Stamp(timestep)}\nGlobal Step: {(timestep + 1) * batches}\nNumber of Batches: {batches}\n");
    }
}
