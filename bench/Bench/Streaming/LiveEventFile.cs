using TensorBoard;

namespace Bench.Streaming;

/// <summary>
/// A training run's TensorBoard event file in a plugin output directory (<c>runs/experiment_&lt;start&gt;/</c>), as
/// PyTorch's SummaryWriter fills it: every step, one scalar per tag, flushed at once. Each event's wall time is the
/// moment it is written, so a client can tell how old the newest point it receives is.
/// </summary>
internal sealed class LiveEventFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly TensorBoardEventWriter _writer;
    private readonly int _tags;
    private long _step;

    private LiveEventFile(FileStream stream, int tags)
    {
        _stream = stream;
        _writer = new TensorBoardEventWriter(stream);
        _tags = tags;
        _writer.WriteFileVersion(NowSeconds());
    }

    public static LiveEventFile Create(string pluginDirectory, int tags)
    {
        var experiment = Path.Combine(pluginDirectory, "runs", "experiment_2026-01-01 06:00:00");
        Directory.CreateDirectory(experiment);
        var path = Path.Combine(experiment, "events.out.tfevents.1767247200.bench.1.0");
        return new LiveEventFile(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), tags);
    }

    public static string Tag(int tag) => $"train/metric_{tag:D2}";

    /// <summary>Steps already logged before anyone watches, one <paramref name="spacing"/> apart and ending now.</summary>
    public void WriteHistory(int steps, TimeSpan spacing)
    {
        var start = NowSeconds() - (steps * spacing.TotalSeconds);
        for (var i = 0; i < steps; i++)
        {
            WriteStep(start + (i * spacing.TotalSeconds));
        }
        _writer.Flush();
    }

    /// <summary>One step of every tag every <paramref name="interval"/> until <paramref name="stop"/>.</summary>
    public async Task WriteLiveAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                WriteStep(NowSeconds());
                _writer.Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose() => _stream.Dispose();

    private static double NowSeconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private void WriteStep(double wallTime)
    {
        for (var tag = 0; tag < _tags; tag++)
        {
            _writer.WriteScalar(Tag(tag), _step, (float)(Math.Exp(-_step * 1e-5) + (0.01 * Math.Sin(_step + tag))), wallTime);
        }
        _step++;
    }
}
