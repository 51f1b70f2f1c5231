using BenchmarkDotNet.Attributes;
using Decimation;

namespace Bench.Decimation;

/// <summary>Incremental decimation when one point in ten arrives late (up to 5000 steps): those go through a
/// binary search into an older bucket instead of the append fast path. One operation per raw point.</summary>
[MemoryDiagnoser]
public class LateArrivalDecimationBenchmarks
{
    private const int Points = 1_000_000;

    private TrainingSeries _series = null!;

    [GlobalSetup]
    public void Setup() => _series = TrainingSeries.Generate(Points, seed: 2).WithLateArrivals(maxDelay: 5000, seed: 3);

    [Benchmark(OperationsPerInvoke = Points)]
    public int AddRangeWithLatePoints()
    {
        var decimator = new SeriesDecimator(2000);
        for (var start = 0; start < Points; start += 1000)
        {
            decimator.AddRange(_series.Steps.AsSpan(start, 1000), _series.TimesMs.AsSpan(start, 1000), _series.Values.AsSpan(start, 1000));
            decimator.TakeChange();
        }

        return decimator.GetPoints().Length;
    }
}
