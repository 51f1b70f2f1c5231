using Contracts.Analytics;
using Contracts.Wire;

namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>Exact per-timestep statistics over the finite values (two passes, population deviation).</summary>
public readonly struct TimestepSummaryBuilder(double[] values)
{
    public TimestepSummary Build(DateTime timestep, long globalStep, long wallTimeMs)
    {
        long nan = 0, positive = 0, negative = 0;
        var count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                count++;
                sum += value;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
            else if (double.IsNaN(value))
            {
                nan++;
            }
            else if (value > 0)
            {
                positive++;
            }
            else
            {
                negative++;
            }
        }

        double? mean = null, std = null;
        if (count > 0)
        {
            var m = sum / count;
            double squares = 0;
            foreach (var value in values)
            {
                if (double.IsFinite(value))
                {
                    squares += (value - m) * (value - m);
                }
            }
            mean = m;
            std = Math.Sqrt(squares / count);
        }

        return new TimestepSummary
        {
            Timestep = TimestepFormat.Format(timestep),
            GlobalStep = globalStep,
            Count = count,
            Mean = mean,
            Std = std,
            Min = count > 0 ? min : null,
            Max = count > 0 ? max : null,
            NonFinite = nan + positive + negative == 0 ? NonFiniteCounts.None
                : new NonFiniteCounts { Nan = nan, PositiveInfinity = positive, NegativeInfinity = negative },
            WallTime = WireLimits.ToDateTimeOffset(wallTimeMs),
        };
    }
}
