using Decimation;

namespace Shared.Tests.Decimation;

/// <summary>
/// The live (incremental) and the history (batch) decimations of one series must look the same on a chart.
/// The tolerance, from docs/decimation.md: both envelopes hold every raw point and the global extremes; each
/// value curve stays inside the other's envelope within two buckets; the mean vertical distance between the two
/// interpolated value curves is at most half the mean envelope height plus 0.5 % of the data range; and on a
/// noise-free curve their largest distance is at most 0.1 % of the range. Both for a series read at once (a
/// backfill) and for one that arrives live, whose doublings merge the points already shown (a coarsen).
/// </summary>
public sealed class IncrementalVersusBatchTests
{
    private const int PointCount = 100_000;
    private const int MaxPoints = 1000;

    public static TheoryData<string, bool> Signals()
    {
        var signals = new TheoryData<string, bool>();
        foreach (var signal in new[] { "loss", "noisy-sine", "random-walk", "smooth", "spike" })
        {
            signals.Add(signal, false);
            signals.Add(signal, true);
        }
        return signals;
    }

    [Theory]
    [MemberData(nameof(Signals))]
    public void Incremental_MatchesBatch_WithinTheStatedTolerance(string signal, bool live)
    {
        var raw = RawSeries.FromValues(Signal(signal));
        var (incremental, width) = Incremental(raw, live);
        var batch = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, MaxPoints);

        foreach (var points in new[] { incremental, batch })
        {
            Assert.Equal(raw.Values.Min(), points.Min(p => p.Min));
            Assert.Equal(raw.Values.Max(), points.Max(p => p.Max));
        }

        var window = 2 * Math.Max(width, PointCount / MaxPoints + 1);
        Assert.Equal(0, CurveComparison.EnvelopeExcursion(incremental, batch, raw, window));
        Assert.Equal(0, CurveComparison.EnvelopeExcursion(batch, incremental, raw, window));

        var mean = CurveComparison.MeanDistance(incremental, batch, raw);
        var bound = 0.5 * CurveComparison.MeanEnvelopeHeight(batch, raw) + 0.005;
        Assert.True(mean <= bound, $"mean distance {mean:P3} of the range is above {bound:P3}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Incremental_MatchesBatchClosely_OnANoiseFreeCurve(bool live)
    {
        var raw = RawSeries.FromValues(TestSignals.Smooth(PointCount));
        var (incremental, _) = Incremental(raw, live);
        var batch = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, MaxPoints);

        var largest = CurveComparison.MaxDistance(incremental, batch, raw);

        Assert.True(largest <= 0.001, $"largest distance {largest:P3} of the range");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Incremental_KeepsASpike_ThatBatchKeeps(bool live)
    {
        var raw = RawSeries.FromValues(TestSignals.Spike(PointCount, spikeIndex: 54_321));
        var (incremental, _) = Incremental(raw, live);
        var batch = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, MaxPoints);

        Assert.Contains(incremental, p => p.Step == 54_321 && p.Value == 50);
        Assert.Contains(batch, p => p.Step == 54_321 && p.Value == 50);
    }

    /// <summary>Live: ten points at a time, each change taken and read as the Ingestor does.</summary>
    private static (DecimatedPoint[] Points, long Width) Incremental(RawSeries raw, bool live)
    {
        var decimator = new SeriesDecimator(MaxPoints);
        var batch = live ? 10 : raw.Length;
        for (var start = 0; start < raw.Length; start += batch)
        {
            var end = Math.Min(raw.Length, start + batch);
            decimator.AddRange(raw.Steps.AsSpan(start..end), raw.TimesMs.AsSpan(start..end), raw.Values.AsSpan(start..end));
            var change = decimator.TakeChange();
            _ = decimator.GetPointsFrom(change.FromStep);
        }
        return (decimator.GetPoints().ToArray(), decimator.BucketWidth);
    }

    private static double[] Signal(string name) => name switch
    {
        "loss" => TestSignals.Loss(PointCount),
        "noisy-sine" => TestSignals.NoisySine(PointCount),
        "random-walk" => TestSignals.RandomWalk(PointCount),
        "smooth" => TestSignals.Smooth(PointCount),
        "spike" => TestSignals.Spike(PointCount, spikeIndex: 54_321),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown signal"),
    };
}
