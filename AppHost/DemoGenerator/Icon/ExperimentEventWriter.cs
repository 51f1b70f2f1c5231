using System.Globalization;
using TensorBoard;

namespace DemoGenerator.Icon;

/// <summary>
/// The TensorBoard side of the ICON/ComIn plugin: <c>runs/experiment_&lt;start&gt;/events.out.tfevents.&lt;time&gt;.&lt;host&gt;.&lt;pid&gt;.0</c>,
/// appended as PyTorch's SummaryWriter appends it. Per batch <c>Loss/batch</c> and <c>Timestep/current</c> (the
/// timestep as pandas nanoseconds) at the batch's global step; per timestep, at the step that ends it, the loss
/// statistics, <c>Learning_rate</c>, and histograms of the parameters and gradients of the plugin's layer. Flushed
/// after each timestep, so a reader meets whole timesteps (or a partial last record, which it waits for).
/// </summary>
public sealed class ExperimentEventWriter(string runDirectory, DateTime simulationStart) : IDisposable
{
    /// <summary>The plugin trains one <c>nn.Linear(30, 30)</c>: 900 weights and 30 biases.</summary>
    private const int Features = 30;

    private readonly double[] _weights = new double[Features * Features];
    private readonly double[] _biases = new double[Features];
    private FileStream? _stream;
    private TensorBoardEventWriter? _events;

    public string Directory { get; } = System.IO.Path.Combine(runDirectory, "runs", $"experiment_{IconTimestamp.Format(simulationStart)}");

    /// <summary>The event file, once the first timestep created it.</summary>
    public string? Path => _stream?.Name;

    /// <summary>
    /// Appends timestep <paramref name="index"/>: <paramref name="losses"/> are its batches from global step
    /// <paramref name="firstStep"/>, spread evenly over the wall time from <paramref name="startedAt"/> to <paramref name="endedAt"/>.
    /// </summary>
    public void WriteTimestep(int index, DateTime timestep, long firstStep, ReadOnlySpan<double> losses, double learningRate,
        DateTime startedAt, DateTime endedAt)
    {
        var writer = _events ?? Open(startedAt);
        var batchWallTime = (endedAt - startedAt) / Math.Max(losses.Length, 1);
        var timestepNanoseconds = (float)((timestep - DateTime.UnixEpoch).Ticks * 100.0);
        for (var batch = 0; batch < losses.Length; batch++)
        {
            var wallTime = WallTime(startedAt + (batchWallTime * (batch + 1)));
            writer.WriteScalar("Loss/batch", firstStep + batch, (float)losses[batch], wallTime);
            writer.WriteScalar("Timestep/current", firstStep + batch, timestepNanoseconds, wallTime);
        }

        var endStep = firstStep + losses.Length;
        var end = WallTime(endedAt);
        var (mean, std, min, max) = Statistics(losses);
        writer.WriteScalar("Loss/mean_per_timestep", endStep, (float)mean, end);
        writer.WriteScalar("Loss/std_per_timestep", endStep, (float)std, end);
        writer.WriteScalar("Loss/min_per_timestep", endStep, (float)min, end);
        writer.WriteScalar("Loss/max_per_timestep", endStep, (float)max, end);
        writer.WriteScalar("Learning_rate", endStep, (float)learningRate, end);

        // Weights spread out slowly as training goes on; gradients shrink with the loss.
        var random = new Random(index);
        var weightSpread = (0.6 + (0.4 * (1 - Math.Exp(-index / 400.0)))) / Math.Sqrt(Features);
        writer.WriteHistogram("Parameters/weight", endStep, Fill(_weights, random, weightSpread), end);
        writer.WriteHistogram("Parameters/bias", endStep, Fill(_biases, random, weightSpread), end);
        writer.WriteHistogram("Gradients/weight", endStep, Fill(_weights, random, 0.05 * mean), end);
        writer.WriteHistogram("Gradients/bias", endStep, Fill(_biases, random, 0.05 * mean), end);
        writer.Flush();
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        _events = null;
    }

    private TensorBoardEventWriter Open(DateTime createdAt)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var seconds = ((long)(createdAt - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var name = $"events.out.tfevents.{seconds}.{Environment.MachineName}.{Environment.ProcessId}.0";
        _stream = new FileStream(System.IO.Path.Combine(Directory, name), FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _events = new TensorBoardEventWriter(_stream);
        _events.WriteFileVersion(WallTime(createdAt));
        return _events;
    }

    private static double[] Fill(double[] values, Random random, double spread)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = spread * LossCurve.Gaussian(random);
        }
        return values;
    }

    /// <summary>Mean, population standard deviation (numpy's default), minimum and maximum.</summary>
    private static (double Mean, double Std, double Min, double Max) Statistics(ReadOnlySpan<double> losses)
    {
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var loss in losses)
        {
            sum += loss;
            min = Math.Min(min, loss);
            max = Math.Max(max, loss);
        }
        var mean = sum / losses.Length;
        double squares = 0;
        foreach (var loss in losses)
        {
            squares += (loss - mean) * (loss - mean);
        }
        return (mean, Math.Sqrt(squares / losses.Length), min, max);
    }

    /// <summary>Seconds since the Unix epoch, as Python's <c>time.time()</c>.</summary>
    private static double WallTime(DateTime utc) => (utc - DateTime.UnixEpoch).TotalSeconds;
}
