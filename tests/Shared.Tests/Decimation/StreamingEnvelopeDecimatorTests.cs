using Decimation;

namespace Shared.Tests.Decimation;

public sealed class StreamingEnvelopeDecimatorTests
{
    [Theory]
    [InlineData(100_000, 2000, 1024, 61)]
    [InlineData(100_000, 2000, 1, 62)]
    [InlineData(2001, 2000, 7, 63)]
    [InlineData(1999, 2000, 100, 64)]
    [InlineData(10_000, 3, 333, 65)]
    [InlineData(10_000, 2, 4096, 66)]
    [InlineData(1, 2, 1, 67)]
    [InlineData(2, 2, 1, 68)]
    [InlineData(3, 2, 2, 69)]
    public void Finish_EqualsTheBatchDecimator_PointForPoint(int n, int maxPoints, int piece, int seed)
    {
        var raw = RawSeries.FromValues(SeriesDecimatorNonFiniteTests.WithNonFinite(TestSignals.RandomWalk(n, seed), seed, everyNth: 13));

        Assert.Equal(EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, maxPoints), Stream(raw, maxPoints, piece));
    }

    [Theory]
    [InlineData(50_000, 2000, 7)]
    [InlineData(50_000, 500, 700)]
    [InlineData(5000, 4000, 3)]
    public void Finish_EqualsTheBatchDecimator_WhenStepsRepeatAcrossBucketEnds(int n, int maxPoints, int repeat)
    {
        var steps = Enumerable.Range(0, n).Select(i => (long)(i / repeat)).ToArray();
        var times = steps.Select(s => RawSeries.StartTimeMs + s).ToArray();
        var raw = new RawSeries(steps, times, SeriesDecimatorNonFiniteTests.WithNonFinite(TestSignals.NoisySine(n), seed: n, everyNth: 5));

        var batch = EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, maxPoints);

        Assert.True(batch.Length < Math.Min(n, maxPoints), "repeated steps must merge buckets, or this test proves nothing about them");
        Assert.Equal(batch, Stream(raw, maxPoints, piece: 1024));
    }

    [Fact]
    public void Finish_EqualsTheBatchDecimator_WhenLongStretchesHaveNoFiniteValue()
    {
        var values = TestSignals.Loss(30_000);
        Array.Fill(values, double.NaN, 1000, 5000);
        Array.Fill(values, double.PositiveInfinity, 20_000, 3000);
        values[^1] = double.NaN;
        var raw = RawSeries.FromValues(values);

        Assert.Equal(EnvelopeDecimator.Decimate(raw.Steps, raw.TimesMs, raw.Values, 300), Stream(raw, 300, piece: 999));
    }

    [Fact]
    public void Finish_ReturnsNothing_WhenTheTotalIsZero()
    {
        using var decimator = new StreamingEnvelopeDecimator(0, 2000);

        Assert.Empty(decimator.Finish());
    }

    [Fact]
    public void Add_Throws_WhenAPieceGoesBackInStep()
    {
        using var decimator = new StreamingEnvelopeDecimator(6, 3);
        decimator.Add([0, 1, 5], [0, 0, 0], [1, 2, 3]);

        var error = Assert.Throws<ArgumentException>(() => decimator.Add([4, 6, 7], [0, 0, 0], [1, 2, 3]));

        Assert.Contains("sorted", error.Message);
    }

    [Fact]
    public void AddAndFinish_Throw_WhenTheCountDiffersFromTheTotal()
    {
        using var decimator = new StreamingEnvelopeDecimator(3, 2);
        decimator.Add([0, 1], [0, 0], [1, 2]);

        Assert.Throws<InvalidOperationException>(() => decimator.Finish());
        Assert.Throws<InvalidOperationException>(() => decimator.Add([2, 3], [0, 0], [1, 2]));
    }

    private static DecimatedPoint[] Stream(RawSeries raw, int maxPoints, int piece)
    {
        using var decimator = new StreamingEnvelopeDecimator(raw.Length, maxPoints);
        for (var start = 0; start < raw.Length; start += piece)
        {
            var length = Math.Min(piece, raw.Length - start);
            decimator.Add(raw.Steps.AsSpan(start, length), raw.TimesMs.AsSpan(start, length), raw.Values.AsSpan(start, length));
        }
        return decimator.Finish();
    }
}
