using BenchmarkDotNet.Attributes;
using Decimation;

namespace Bench.Decimation;

/// <summary>
/// The Ingestor's hot path: one live series of 10 million points decimated to 2000 on one core. Each
/// benchmark counts one operation per raw point, so "Mean" is nanoseconds per point and "Allocated" bytes per point.
/// </summary>
[MemoryDiagnoser]
public class IncrementalDecimationBenchmarks
{
    private const int Points = 10_000_000;
    private const int MaxPoints = 2000;

    private TrainingSeries _series = null!;

    [GlobalSetup]
    public void Setup() => _series = TrainingSeries.Generate(Points, seed: 1);

    [Benchmark(OperationsPerInvoke = Points)]
    public int OnePointAtATime()
    {
        var decimator = new SeriesDecimator(MaxPoints);
        var steps = _series.Steps;
        var times = _series.TimesMs;
        var values = _series.Values;
        for (var i = 0; i < steps.Length; i++)
        {
            decimator.Add(steps[i], times[i], values[i]);
        }

        return decimator.GetPoints().Length;
    }

    /// <summary>What the Ingestor does per poll: append a batch, take the change, read the points it covers.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    [Arguments(100)]
    [Arguments(1000)]
    public int BatchesWithChangePerBatch(int batch)
    {
        var decimator = new SeriesDecimator(MaxPoints);
        var sent = 0;
        for (var start = 0; start < Points; start += batch)
        {
            decimator.AddRange(_series.Steps.AsSpan(start, batch), _series.TimesMs.AsSpan(start, batch), _series.Values.AsSpan(start, batch));
            var change = decimator.TakeChange();
            sent += change.Kind is DecimationChangeKind.Tail or DecimationChangeKind.Coarsen
                ? decimator.GetPointsFrom(change.FromStep).Length
                : decimator.GetPoints().Length;
        }

        return sent;
    }

    /// <summary>A restart or a newly found run: all history in one call.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int BackfillInOneAddRange()
    {
        var decimator = new SeriesDecimator(MaxPoints);
        decimator.AddRange(_series.Steps, _series.TimesMs, _series.Values);
        return decimator.GetPoints().Length;
    }
}
