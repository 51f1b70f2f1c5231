namespace Shared.Tests.Decimation;

/// <summary>Raw points as the decimators take them: index i of each array is one point.</summary>
public sealed record RawSeries(long[] Steps, long[] TimesMs, double[] Values)
{
    public const long StartTimeMs = 1_795_391_398_536;

    public int Length => Steps.Length;

    public static RawSeries FromValues(double[] values, long firstStep = 0)
    {
        var steps = new long[values.Length];
        var times = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            steps[i] = firstStep + i;
            times[i] = StartTimeMs + 100L * i;
        }

        return new RawSeries(steps, times, values);
    }

    /// <summary>The same points in a random order (fixed seed), as late arrivals would bring them.</summary>
    public RawSeries Shuffled(int seed)
    {
        var order = new int[Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        return Reordered(order);
    }

    public RawSeries Reordered(int[] order)
    {
        var steps = new long[order.Length];
        var times = new long[order.Length];
        var values = new double[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            steps[i] = Steps[order[i]];
            times[i] = TimesMs[order[i]];
            values[i] = Values[order[i]];
        }

        return new RawSeries(steps, times, values);
    }
}
