using Contracts.Redis;

namespace Shared.Tests.Redis;

public sealed class RawPointChunkTests
{
    [Fact]
    public void Points_ComeBackExactly_WhateverTheirStepsTimesAndValues()
    {
        (long Step, long TimeMs, double Value)[] points =
        [
            (long.MinValue, long.MaxValue, double.NaN),
            (long.MaxValue, long.MinValue, double.PositiveInfinity),
            (-5, 0, double.NegativeInfinity),
            (-5, 0, -0.0),
            (0, 1_700_000_000_000, 0.1),
            (1, 1_700_000_000_000, double.Epsilon),
            (2, 1_699_999_999_999, double.MaxValue),
            (9_007_199_254_740_991, 1_700_000_000_123, 1e-300),
        ];
        var encoder = new RawChunkEncoder();
        foreach (var (step, timeMs, value) in points)
        {
            encoder.Append(step, timeMs, value);
        }

        Assert.Equal(points, Decode(encoder.Encoded.Span));
        encoder.Seal();
        Assert.Equal(RawPointChunk.Float64Values, encoder.Encoded.Span[0]);
        Assert.Equal(points, Decode(encoder.Encoded.Span));
    }

    [Fact]
    public void ALossLogsPoints_TakeAboutTenBytes_AndFloat32ValuesFour()
    {
        var random = new Random(3);
        var losses = new RawChunkEncoder();
        var scalars = new RawChunkEncoder();
        var expected = new List<(long, long, double)>();
        for (var i = 0; i < RawPointChunk.PointsPerChunk; i++)
        {
            var timeMs = 1_700_000_000_000 + (i / 100 * 30_000);
            losses.Append(500_000 + i, timeMs, random.NextDouble());
            var scalar = (double)(float)random.NextDouble();
            scalars.Append(500_000 + i, timeMs, scalar);
            expected.Add((500_000 + i, timeMs, scalar));
        }
        losses.Seal();
        scalars.Seal();

        Assert.InRange(losses.Encoded.Length, 10 * RawPointChunk.PointsPerChunk, (10 * RawPointChunk.PointsPerChunk) + 64);
        Assert.Equal(RawPointChunk.Float32Values, scalars.Encoded.Span[0]);
        Assert.InRange(scalars.Encoded.Length, 6 * RawPointChunk.PointsPerChunk, (6 * RawPointChunk.PointsPerChunk) + 64);
        Assert.Equal(expected, Decode(scalars.Encoded.Span));
    }

    [Fact]
    public void BytesHandedOut_DoNotChange_WhenPointsAreAppendedOrTheChunkIsSealed()
    {
        var encoder = new RawChunkEncoder();
        encoder.Append(1, 10, 0.5);
        var taken = encoder.Encoded;
        var copy = taken.ToArray();
        for (var i = 2; i < 200; i++)
        {
            encoder.Append(i, 10, 0.25);
        }
        encoder.Seal();

        Assert.Equal(copy, taken.ToArray());
        Assert.Throws<InvalidOperationException>(() => encoder.Append(500, 10, 1));
    }

    [Fact]
    public void AChunkThatIsNotOne_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => Decode([0x01, 0x02]));
        Assert.Throws<FormatException>(() => Decode([RawPointChunk.Float64Values, 0x02, 0x00, 0x01]));
        Assert.Throws<FormatException>(() => Decode([RawPointChunk.Float64Values, 0xFF, 0xFF]));
        Assert.Empty(Decode([]));
    }

    private static List<(long Step, long TimeMs, double Value)> Decode(ReadOnlySpan<byte> chunk)
    {
        var points = new List<(long, long, double)>();
        var reader = new RawChunkReader(chunk);
        while (reader.MoveNext())
        {
            points.Add((reader.Step, reader.TimeMs, reader.Value));
        }
        return points;
    }
}
