namespace Shared.Tests.Decimation;

/// <summary>Fixed inputs (fixed seeds) shaped like what a training dashboard shows.</summary>
public static class TestSignals
{
    /// <summary>A loss curve: exponential decay with noise of about 1 % of its range.</summary>
    public static double[] Loss(int n, int seed = 1)
    {
        var random = new Random(seed);
        return Generate(n, i => 2.5 * Math.Exp(-i / (n / 10.0)) + 0.3 + 0.02 * Gaussian(random));
    }

    /// <summary>A slow sine buried in noise of about 2 % of its range per standard deviation.</summary>
    public static double[] NoisySine(int n, int seed = 2)
    {
        var random = new Random(seed);
        return Generate(n, i => Math.Sin(i * 66.0 / n) + 0.05 * Gaussian(random));
    }

    /// <summary>A Gaussian random walk: detail at every scale.</summary>
    public static double[] RandomWalk(int n, int seed = 3)
    {
        var random = new Random(seed);
        var level = 0.0;
        return Generate(n, _ => level += Gaussian(random));
    }

    /// <summary>A noise-free curve.</summary>
    public static double[] Smooth(int n) => Generate(n, i => Math.Sin(i * 20.0 / n));

    /// <summary>A flat noisy line with one spike of 50 at <paramref name="spikeIndex"/>.</summary>
    public static double[] Spike(int n, int spikeIndex, int seed = 4)
    {
        var random = new Random(seed);
        var values = Generate(n, _ => 1.0 + 0.01 * Gaussian(random));
        values[spikeIndex] = 50;
        return values;
    }

    /// <summary>Uniform random values in [0, 1).</summary>
    public static double[] Uniform(int n, int seed)
    {
        var random = new Random(seed);
        return Generate(n, _ => random.NextDouble());
    }

    /// <summary>Small random integers: sums are exact in any order, so outputs can be compared bit for bit.</summary>
    public static double[] Integers(int n, int seed)
    {
        var random = new Random(seed);
        return Generate(n, _ => random.Next(-1000, 1000));
    }

    private static double[] Generate(int n, Func<int, double> valueAt)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = valueAt(i);
        }

        return values;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
