using BenchmarkDotNet.Attributes;
using Contracts.Decimation;

namespace Bench.Decimation;

/// <summary>StreamApi's history path: one million points read for a zoomed range, decimated to 2000. One
/// operation per raw point.</summary>
[MemoryDiagnoser]
public class BatchDecimationBenchmarks
{
    private const int Points = 1_000_000;
    private const int MaxPoints = 2000;

    private TrainingSeries series = null!;
    private double[] xs = null!;
    private double[] finiteValues = null!;

    [GlobalSetup]
    public void Setup()
    {
        series = TrainingSeries.Generate(Points, seed: 4);
        xs = Array.ConvertAll(series.Steps, s => (double)s);
        finiteValues = Array.ConvertAll(series.Values, v => double.IsFinite(v) ? v : 0);
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int EnvelopeDecimator_Decimate() =>
        EnvelopeDecimator.Decimate(series.Steps, series.TimesMs, series.Values, MaxPoints).Length;

    /// <summary>The same decimation fed as StreamApi reads a log-directory series: in chunks of 1024 points.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int StreamingEnvelopeDecimator_InChunks()
    {
        const int chunk = 1024;
        using var decimator = new StreamingEnvelopeDecimator(Points, MaxPoints);
        for (var start = 0; start < Points; start += chunk)
        {
            var length = Math.Min(chunk, Points - start);
            decimator.Add(series.Steps.AsSpan(start, length), series.TimesMs.AsSpan(start, length), series.Values.AsSpan(start, length));
        }
        return decimator.Finish().Length;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int Lttb_SelectIndices() => Lttb.SelectIndices(xs, finiteValues, MaxPoints).Length;
}
