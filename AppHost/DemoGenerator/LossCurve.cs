namespace DemoGenerator;

/// <summary>
/// A plausible training loss: exponential decay to a floor, noise that shrinks with the loss, and a rare spike.
/// Deterministic per (seed, step), so history written at start and live points continue one curve.
/// </summary>
public sealed class LossCurve(int seed, double initial, double floor, double decaySteps, double noise)
{
    public double At(long step)
    {
        var random = new Random(HashCode.Combine(seed, step));
        var mean = floor + ((initial - floor) * Math.Exp(-step / decaySteps));
        var value = mean * (1 + (noise * Gaussian(random)));
        if (random.NextDouble() < 0.0015)
        {
            value *= 1.5 + random.NextDouble();
        }
        return Math.Max(value, floor * 0.5);
    }

    /// <summary>A standard normal sample (Box-Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
