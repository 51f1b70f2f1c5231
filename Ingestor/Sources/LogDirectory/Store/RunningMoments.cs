namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>
/// Count, sum, extremes, variance and the step-loss co-moment of finite losses, updated one loss at a time
/// (Welford's method, stable where sums of squares are not), so statistics over millions of losses cost nothing
/// per new loss. Losses go in in the series' order, so a rebuild from the series gives the same numbers.
/// </summary>
public struct RunningMoments
{
    private double _meanStep;
    private double _meanValue;
    private double _stepSquares;
    private double _valueSquares;
    private double _coMoment;

    public long Count { get; private set; }

    /// <summary>The plain sum in order: the mean is this over <see cref="Count"/>, as a timestep's mean is.</summary>
    public double Sum { get; private set; }

    public double Min { get; private set; }

    public double Max { get; private set; }

    /// <summary>Population standard deviation of the losses.</summary>
    public readonly double Std => Math.Sqrt(_valueSquares / Count);

    /// <summary>Least-squares slope of loss over step, null when every loss has the same step.</summary>
    public readonly double? Slope => Count >= 2 && _stepSquares > 0 ? _coMoment / _stepSquares : null;

    public void Add(long step, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        Count++;
        Sum += value;
        Min = Count == 1 ? value : Math.Min(Min, value);
        Max = Count == 1 ? value : Math.Max(Max, value);
        var dx = step - _meanStep;
        _meanStep += dx / Count;
        var dy = value - _meanValue;
        _meanValue += dy / Count;
        _stepSquares += dx * (step - _meanStep);
        _valueSquares += dy * (value - _meanValue);
        _coMoment += dx * (value - _meanValue);
    }

    public static RunningMoments Of(RawSeries? series)
    {
        var moments = new RunningMoments();
        for (var chunk = 0; chunk < (series?.ChunkCount ?? 0); chunk++)
        {
            var points = series!.Read(chunk);
            while (points.MoveNext())
            {
                moments.Add(points.Step, points.Value);
            }
        }
        return moments;
    }
}
