namespace Bench.Decimation;

/// <summary>A synthetic training metric, generated once per benchmark: a noisy decaying loss with rare NaN,
/// one point per step, 100 ms apart.</summary>
public sealed class TrainingSeries
{
    private const long StartTimeMs = 1_795_391_398_536;

    private TrainingSeries(long[] steps, long[] timesMs, double[] values)
    {
        Steps = steps;
        TimesMs = timesMs;
        Values = values;
    }

    public long[] Steps { get; }

    public long[] TimesMs { get; }

    public double[] Values { get; }

    public int Length => Steps.Length;

    public static TrainingSeries Generate(int length, int seed)
    {
        var series = new TrainingSeries(new long[length], new long[length], new double[length]);
        var random = new Random(seed);
        for (var i = 0; i < length; i++)
        {
            series.Steps[i] = i;
            series.TimesMs[i] = StartTimeMs + 100L * i;
            series.Values[i] = random.Next(10_000) == 0
                ? double.NaN
                : 2.5 * Math.Exp(-i / (length / 8.0)) + 0.3 + 0.05 * (random.NextDouble() - 0.5);
        }

        return series;
    }

    /// <summary>The same points where one in ten arrives up to <paramref name="maxDelay"/> positions late.</summary>
    public TrainingSeries WithLateArrivals(int maxDelay, int seed)
    {
        var random = new Random(seed);
        var keys = new double[Length];
        var order = new int[Length];
        for (var i = 0; i < Length; i++)
        {
            keys[i] = random.Next(10) == 0 ? i + random.Next(maxDelay) : i;
            order[i] = i;
        }

        Array.Sort(keys, order);
        var late = new TrainingSeries(new long[Length], new long[Length], new double[Length]);
        for (var i = 0; i < Length; i++)
        {
            late.Steps[i] = Steps[order[i]];
            late.TimesMs[i] = TimesMs[order[i]];
            late.Values[i] = Values[order[i]];
        }

        return late;
    }
}
