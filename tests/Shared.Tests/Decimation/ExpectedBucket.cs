namespace Shared.Tests.Decimation;

/// <summary>One bucket as the test oracle computes it: from every raw point, kept in full.</summary>
public sealed class ExpectedBucket
{
    public HashSet<(long Step, long TimeMs, double Value)> Points { get; } = [];

    public int FiniteCount { get; private set; }

    public int NonFinite { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public (long Step, double Value) FirstNonFinite { get; private set; } = (long.MaxValue, 0);

    public void Add(long step, long timeMs, double value)
    {
        if (double.IsFinite(value))
        {
            FiniteCount++;
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            Points.Add((step, timeMs, value));
        }
        else
        {
            NonFinite++;
            if (step < FirstNonFinite.Step)
            {
                FirstNonFinite = (step, value);
            }
        }
    }
}
