using Contracts.Analytics;
using Contracts.Redis;
using StackExchange.Redis;

namespace StreamApi.Analytics.Histogram;

/// <summary>
/// The first pass over a run's loss chunks: finite count, range, a quartile sample and the non-finite counts; and the
/// second pass, which bins exactly the points the first one saw (each chunk only up to the points it had then, so
/// losses appended in between do not fall outside the range).
/// </summary>
internal sealed class LossSurvey(int chunks)
{
    private readonly int[] _pointsSeen = new int[chunks];
    private int _nextChunk;
    private long _nan;
    private long _positiveInfinity;
    private long _negativeInfinity;

    public long Count { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public QuantileReservoir Sample { get; } = new();

    public NonFiniteCounts NonFinite => new() { Nan = _nan, PositiveInfinity = _positiveInfinity, NegativeInfinity = _negativeInfinity };

    public void AddBatch(RedisValue[] batch)
    {
        foreach (var chunk in batch)
        {
            _pointsSeen[_nextChunk++] = chunk.IsNull ? 0 : Survey((byte[])chunk!);
        }
    }

    /// <summary>Bins the next batch of the second pass, chunk for chunk as in the first.</summary>
    public void Bin(RedisValue[] batch, EqualBins histogram)
    {
        if (_nextChunk == _pointsSeen.Length)
        {
            _nextChunk = 0;
        }
        foreach (var chunk in batch)
        {
            var points = _pointsSeen[_nextChunk++];
            if (chunk.IsNull || points == 0)
            {
                continue;
            }
            var reader = new RawChunkReader((byte[])chunk!);
            for (var i = 0; i < points && reader.MoveNext(); i++)
            {
                var value = reader.Value;
                if (double.IsFinite(value) && value >= Min && value <= Max)
                {
                    histogram.Add(value);
                }
            }
        }
    }

    private int Survey(ReadOnlySpan<byte> chunk)
    {
        var reader = new RawChunkReader(chunk);
        var points = 0;
        while (reader.MoveNext())
        {
            points++;
            var value = reader.Value;
            if (double.IsFinite(value))
            {
                Count++;
                Min = Math.Min(Min, value);
                Max = Math.Max(Max, value);
                Sample.Add(value);
            }
            else if (double.IsNaN(value))
            {
                _nan++;
            }
            else if (value > 0)
            {
                _positiveInfinity++;
            }
            else
            {
                _negativeInfinity++;
            }
        }
        return points;
    }
}
