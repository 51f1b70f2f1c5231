namespace Bench.Streaming;

/// <summary>Lag samples of the minute being measured and of the whole run.</summary>
internal sealed class SoakLags
{
    private LagRecorder _minute = new();

    public LagRecorder Total { get; } = new();

    public void Record(double milliseconds)
    {
        Volatile.Read(ref _minute).Record(milliseconds);
        Total.Record(milliseconds);
    }

    /// <summary>The minute's samples; the next minute starts empty.</summary>
    public LagRecorder TakeMinute() => Interlocked.Exchange(ref _minute, new LagRecorder());
}
