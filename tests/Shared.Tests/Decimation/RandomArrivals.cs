namespace Shared.Tests.Decimation;

/// <summary>
/// Batches of raw points as a live source delivers them, from a fixed seed and only integer arithmetic and
/// <see cref="Random"/>, so the same seed gives the same points on every machine. Values mix noise, ties (small
/// integers, 0 and −0), NaN and ±Inf.
/// </summary>
public sealed class RandomArrivals(ArrivalPattern pattern, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<long> _steps = [];
    private readonly List<long> _times = [];
    private readonly List<double> _values = [];
    private long _next = pattern == ArrivalPattern.NegativeSteps ? -(1L << 40) : 0;
    private long _stride = 1;
    private double _plateau = 1;

    /// <summary>Every point made so far, in arrival order.</summary>
    public RawSeries Raw => new([.. _steps], [.. _times], [.. _values]);

    public List<(long Step, long TimeMs, double Value)> NextBatch()
    {
        var size = _random.Next(10) switch
        {
            0 => 0,
            1 => _random.Next(20, 80),
            _ => _random.Next(1, 6),
        };
        var nonFiniteBatch = pattern == ArrivalPattern.NonFiniteRuns && _random.Next(2) == 0;
        if (pattern == ArrivalPattern.SparseSteps && _random.Next(4) == 0)
        {
            _stride = 1L << _random.Next(0, 21);
        }

        var batch = new List<(long, long, double)>(size);
        for (var i = 0; i < size; i++)
        {
            var value = nonFiniteBatch ? NonFinite() : pattern == ArrivalPattern.Plateaus ? Plateau() : Value();
            var point = (NextStep(), RawSeries.StartTimeMs + 7L * _steps.Count, value);
            batch.Add(point);
            _steps.Add(point.Item1);
            _times.Add(point.Item2);
            _values.Add(point.Item3);
        }
        return batch;
    }

    private long NextStep()
    {
        switch (pattern)
        {
            case ArrivalPattern.LatePoints when _steps.Count > 0 && _random.Next(7) == 0:
            case ArrivalPattern.NegativeSteps when _steps.Count > 0 && _random.Next(5) == 0:
                return _steps[_random.Next(_steps.Count)] + _random.Next(-3, 4);
            case ArrivalPattern.RepeatedSteps when _steps.Count > 0 && _random.Next(5) < 2:
                return _steps[^1];
            case ArrivalPattern.SparseSteps:
                _next += _stride;
                return _next;
            case ArrivalPattern.WholeRange:
                return _steps.Count > 200 && _random.Next(8) == 0 ? _random.NextInt64(long.MinValue, long.MaxValue) : _next++;
            default:
                return _next++;
        }
    }

    private double Value() => _random.Next(100) switch
    {
        < 55 => (_random.NextDouble() * 10) - 5,
        < 75 => _random.Next(-3, 4),
        < 80 => _random.Next(2) == 0 ? 0.0 : -0.0,
        < 90 => double.NaN,
        < 95 => double.PositiveInfinity,
        _ => double.NegativeInfinity,
    };

    private double Plateau()
    {
        if (_random.Next(40) == 0)
        {
            _plateau = _random.Next(-2, 3);
        }
        if (_random.Next(50) == 0)
        {
            return double.NaN;
        }
        // On a plateau at zero the sign of each zero varies: the merged minimum must keep the earlier one.
        return _plateau == 0 && _random.Next(2) == 0 ? -0.0 : _plateau;
    }

    private double NonFinite() => _random.Next(3) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        _ => double.NegativeInfinity,
    };
}
