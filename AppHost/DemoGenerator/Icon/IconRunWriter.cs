using System.Globalization;
using System.Text;

namespace DemoGenerator.Icon;

/// <summary>
/// Writes one ICON/ComIn output directory the way the training plugin does: per simulation timestep a
/// <c>log_&lt;timestamp&gt;.txt</c> with one batch loss per line and a <c>summary_&lt;timestamp&gt;.txt</c>, the TensorBoard
/// events of the timestep appended to <c>runs/experiment_&lt;start&gt;/</c>, and the checkpoint <c>net_&lt;start&gt;.pth</c>
/// rewritten. The directory, the experiment and the checkpoint all carry the simulation's start, which is how the
/// ingestor tells they are one run. A new simulation deletes the directory first, as ICON does.
/// </summary>
/// <param name="timestepWallTime">How long a timestep takes in wall time; its batches' events are spread over it.</param>
public sealed class IconRunWriter(string directory, DateTime simulationStart, TimeSpan timestepLength, int batchesPerTimestep, LossCurve curve,
    TimeSpan timestepWallTime) : IDisposable
{
    private const int CheckpointBytes = 64 * 1024;

    private ExperimentEventWriter? _events;

    public string Directory { get; } = directory;

    public DateTime SimulationStart { get; } = simulationStart;

    /// <summary><c>runs/experiment_&lt;start&gt;</c> of the current simulation.</summary>
    public string ExperimentDirectory => _events?.Directory ?? throw new InvalidOperationException("No simulation has started.");

    public void StartSimulation()
    {
        _events?.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        System.IO.Directory.CreateDirectory(Directory);
        _events = new ExperimentEventWriter(Directory, SimulationStart);
    }

    /// <summary>Adam at 1e-3, decayed by 0.1 % per timestep (a scheduler stepped once per timestep).</summary>
    public static double LearningRate(int index) => 1e-3 * Math.Pow(0.999, index);

    public DateTime TimestepAt(int index) => SimulationStart + (timestepLength * index);

    /// <summary>Writes timestep <paramref name="index"/> (0-based); <paramref name="writtenAt"/> becomes the files' modification time.</summary>
    public void WriteTimestep(int index, DateTime writtenAt)
    {
        var timestamp = IconTimestamp.Format(TimestepAt(index));
        var losses = new double[batchesPerTimestep];
        var log = new StringBuilder(batchesPerTimestep * 20);
        for (var batch = 0; batch < batchesPerTimestep; batch++)
        {
            losses[batch] = curve.At(((long)index * batchesPerTimestep) + batch);
            log.Append(IconTimestamp.FormatLoss(losses[batch])).Append('\n');
        }
        Write($"log_{timestamp}.txt", log.ToString(), writtenAt);
        Write($"summary_{timestamp}.txt", Summary(timestamp, (index + 1) * batchesPerTimestep, losses), writtenAt);
        var experiment = _events ?? throw new InvalidOperationException("StartSimulation first.");
        experiment.WriteTimestep(index, TimestepAt(index), (long)index * batchesPerTimestep, losses, LearningRate(index),
            writtenAt - timestepWallTime, writtenAt);
        File.SetLastWriteTimeUtc(experiment.Path!, writtenAt);
        WriteCheckpoint(index, writtenAt);
    }

    public void Dispose() => _events?.Dispose();

    private static string Summary(string timestamp, long globalStep, double[] losses)
    {
        var mean = losses.Average();
        // Population standard deviation (ddof 0), as the plugin computes it.
        var std = Math.Sqrt(losses.Sum(l => (l - mean) * (l - mean)) / losses.Length);
        return string.Create(CultureInfo.InvariantCulture, $"""
            Timestep: {timestamp}
            Global Step: {globalStep}
            Number of Batches: {losses.Length}
            Mean Loss: {mean:F6}
            Std Loss: {std:F6}
            Min Loss: {losses.Min():F6}
            Max Loss: {losses.Max():F6}

            """);
    }

    private void WriteCheckpoint(int index, DateTime writtenAt)
    {
        var bytes = new byte[CheckpointBytes];
        new Random(index).NextBytes(bytes);
        var path = Path.Combine(Directory, $"net_{IconTimestamp.Format(SimulationStart)}.pth");
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, writtenAt);
    }

    private void Write(string name, string content, DateTime writtenAt)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.SetLastWriteTimeUtc(path, writtenAt);
    }
}
