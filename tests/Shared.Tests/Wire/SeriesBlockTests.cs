using Contracts.Wire;
using Contracts.Wire.Binary;

namespace Shared.Tests.Wire;

public sealed class SeriesBlockTests
{
    private static SeriesPoints Series(long[] steps, double[] values, double[]? mins = null, double[]? maxs = null, long[]? times = null, int[]? nonFinite = null) => new()
    {
        RunId = "run a/b,c%",
        SeriesId = "loss{host=node-1,rank=2,device=0}",
        Metric = "loss",
        Host = "node-1",
        Rank = 2,
        Device = 0,
        TotalPoints = 4096,
        BucketWidth = 2,
        Steps = steps,
        TimesMs = times ?? steps.Select(step => 1_795_391_398_000 + (step * 1000)).ToArray(),
        Values = values,
        Mins = mins ?? values,
        Maxs = maxs ?? values,
        NonFinite = nonFinite,
    };

    private static void AssertSameBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    private static void AssertSame(SeriesPoints expected, SeriesPoints actual)
    {
        Assert.Equal(expected with { Steps = [], TimesMs = [], Values = [], Mins = [], Maxs = [], NonFinite = null },
            actual with { Steps = [], TimesMs = [], Values = [], Mins = [], Maxs = [], NonFinite = null });
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.TimesMs, actual.TimesMs);
        AssertSameBits(expected.Values, actual.Values);
        AssertSameBits(expected.Mins, actual.Mins);
        AssertSameBits(expected.Maxs, actual.Maxs);
        Assert.Equal(expected.NonFinite, actual.NonFinite);
    }

    [Fact]
    public void Decode_GivesBackEveryBit_OfValuesAndEnvelope()
    {
        var series = Series(
            [0, 3, 5, 6],
            [2.5338632235384835, double.NaN, -0.0, double.PositiveInfinity],
            mins: [2.4, double.NaN, 0.0, double.PositiveInfinity],
            maxs: [2.5338632235384835, 1e-310, -0.0, double.NegativeInfinity],
            nonFinite: [0, 2, 0, 1]);

        var decoded = SeriesBlock.Decode(SeriesBlock.Encode(series));

        AssertSame(series, decoded);
    }

    [Fact]
    public void Encode_SendsEachDoubleOnce_WhenMinsAndMaxsAreTheValues()
    {
        double[] values = [.. Enumerable.Range(0, 2000).Select(i => Math.Exp(-i / 700.0) + (0.05 * Math.Sin(i * 0.37)))];
        long[] steps = [.. Enumerable.Range(0, 2000).Select(i => (long)i)];

        var plain = SeriesBlock.Encode(Series(steps, values));
        var envelope = SeriesBlock.Encode(Series(steps, values, mins: [.. values.Select(v => v - 1)]));

        // 8 bytes a value, 1 a flag, 1 a step, 2 a time: 12 a point; an envelope that differs adds its 8.
        Assert.InRange(plain.Length, 12 * 2000, (12 * 2000) + 200);
        Assert.Equal(plain.Length + (8 * 2000), envelope.Length);
        AssertSame(Series(steps, values), SeriesBlock.Decode(plain));
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 2 })]
    [InlineData(new long[] { -5, 200, 40_000, 40_001 })]
    [InlineData(new long[] { 9_007_199_254_740_990, 9_007_199_254_740_991 })]
    [InlineData(new long[] { -9_007_199_254_740_991, 0, 9_007_199_254_740_991 })]
    [InlineData(new long[] { 7 })]
    public void Decode_KeepsSteps_WhateverTheirDifferences(long[] steps)
    {
        var series = Series(steps, [.. steps.Select(s => (double)s)], times: [.. steps.Select(s => -s)]);

        AssertSame(series, SeriesBlock.Decode(SeriesBlock.Encode(series)));
    }

    [Fact]
    public void Decode_KeepsWallTimes_ThatGoBack()
    {
        var series = Series([1, 2, 3, 4], [1, 2, 3, 4], times: [1_795_391_398_000, 1_795_391_397_000, long.MaxValue, long.MinValue]);

        AssertSame(series, SeriesBlock.Decode(SeriesBlock.Encode(series)));
    }

    [Fact]
    public void Decode_GivesAnEmptySeries_ForNoPoints()
    {
        var series = Series([], []);

        var decoded = SeriesBlock.Decode(SeriesBlock.Encode(series));

        AssertSame(series, decoded);
        Assert.Empty(decoded.Steps);
    }

    [Fact]
    public void Decode_Throws_WhenTheBlockIsCutOrHasMore()
    {
        var block = SeriesBlock.Encode(Series([0, 1, 2], [1, 2, 3], nonFinite: [0, 0, 1]));

        for (var length = 0; length < block.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SeriesBlock.Decode(block.AsSpan(0, length)));
        }
        Assert.Throws<InvalidDataException>(() => SeriesBlock.Decode([.. block, 0]));
    }

    [Fact]
    public void Encode_Throws_WhenColumnsDifferInLength()
    {
        Assert.Throws<ArgumentException>(() => SeriesBlock.Encode(Series([0, 1], [1, 2], mins: [1])));
    }

    [Fact]
    public void IsBlock_TellsABlockFromStoredJson()
    {
        Assert.True(SeriesBlock.IsBlock(SeriesBlock.Encode(Series([0], [1]))));
        Assert.False(SeriesBlock.IsBlock("{\"run_id\":\"r\"}"u8));
        Assert.False(SeriesBlock.IsBlock([]));
    }
}
