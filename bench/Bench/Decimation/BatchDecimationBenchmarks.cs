using BenchmarkDotNet.Attributes;
using Decimation;

namespace Bench.Decimation;

/// <summary>StreamApi's history path: one million points read for a zoomed range, decimated to 2000. One
/// operation per raw point.</summary>
[MemoryDiagnoser]
public class BatchDecimationBenchmarks
{
    private const int Points = 1_000_000;
    private const int MaxPoints = 2000;

    private TrainingSeries _series = null!;
    private double[] _xs = null!;
    private double[] _finiteValues = null!;

    [GlobalSetup]
    public void Setup()
    {
        _series = TrainingSeries.Generate(Points, seed: 4);
        _xs = Array.ConvertAll(_series.Steps, s => (double)s);
        _finiteValues = Array.ConvertAll(_series.Values, v => double.IsFinite(v) ? v : 0);
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int EnvelopeDecimator_Decimate() =>
        EnvelopeDecimator.Decimate(_series.Steps, _series.TimesMs, _series.Values, MaxPoints).Length;

    /// <summary>The same decimation fed as StreamApi reads a log-directory series: in chunks of 1024 points.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int StreamingEnvelopeDecimator_InChunks()
    {
        const int chunk = 1024;
        using var decimator = new StreamingEnvelopeDecimator(Points, MaxPoints);
        for (var start = 0; start < Points; start += chunk)
        {
            var length = Math.Min(chunk, Points - start);
            decimator.Add(_series.Steps.AsSpan(start, length), _series.TimesMs.AsSpan(start, length), _series.Values.AsSpan(start, length));
        }
        return decimator.Finish().Length;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int Lttb_SelectIndices() => Lttb.SelectIndices(_xs, _finiteValues, MaxPoints).Length;
}
