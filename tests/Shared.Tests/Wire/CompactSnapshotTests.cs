using Contracts.Wire;
using Contracts.Wire.Binary;

namespace Shared.Tests.Wire;

public sealed class CompactSnapshotTests
{
    private static readonly RunMeta Run = new()
    {
        RunId = "r1",
        Source = "clickhouse",
        StartTime = DateTimeOffset.FromUnixTimeMilliseconds(1_795_391_398_000),
        LastEventTime = DateTimeOffset.FromUnixTimeMilliseconds(1_795_391_399_000),
        LatestStep = 2,
        IsActive = true,
        SeriesCount = 2,
    };

    private static SeriesPoints Series(string seriesId, double value) => new()
    {
        RunId = "r1",
        SeriesId = seriesId,
        Metric = seriesId,
        Steps = [0, 1, 2],
        TimesMs = [10, 20, 30],
        Values = [value, value + 1, value + 2],
        Mins = [value, value, value],
        Maxs = [value, value + 1, value + 2],
    };

    [Fact]
    public void Read_GivesTheSnapshot_ThatTheHeadAndBlocksWereMadeOf()
    {
        SeriesPoints[] series = [Series("loss", 1.5), Series("lr", 0.001)];
        using var compact = new MemoryStream();
        CompactSnapshot.Write(compact, 4181, [Run], [.. series.Select(SeriesBlock.Encode)]);

        var snapshot = CompactSnapshot.Read(compact.ToArray());

        Assert.Equal(4181, snapshot.Seq);
        Assert.Equal([Run], snapshot.Runs);
        Assert.Equal(2, snapshot.Series.Length);
        Assert.Equal(series[1].Values, snapshot.Series[1].Values);
        Assert.Equal(series[1].Mins, snapshot.Series[1].Mins);
        Assert.Equal(series[0].Maxs, snapshot.Series[0].Maxs);
        Assert.Equal("lr", snapshot.Series[1].SeriesId);
    }

    [Fact]
    public void Write_PutsTheDoublesOfAllSeriesInSharedPlanes()
    {
        SeriesPoints[] series = [Series("loss", 1.5), Series("lr", 0.001)];
        var blocks = series.Select(SeriesBlock.Encode).ToArray();
        using var compact = new MemoryStream();

        CompactSnapshot.Write(compact, 1, [Run], blocks);

        // Both series hold 3 values and 2 minima that differ from them: 10 doubles, whose highest bytes end the snapshot.
        var bytes = compact.ToArray();
        Assert.Equal(CompactSnapshot.Head(1, [Run], 2).Length + blocks.Sum(b => b.Length), bytes.Length);
        double[] doubles = [1.5, 2.5, 3.5, 1.5, 1.5, 0.001, 1.001, 2.001, 0.001, 0.001];
        Assert.Equal(doubles.Select(d => (byte)(BitConverter.DoubleToUInt64Bits(d) >> 56)), bytes[^10..]);
    }

    [Fact]
    public void Read_Throws_WhenTheSnapshotIsCut()
    {
        using var compact = new MemoryStream();
        CompactSnapshot.Write(compact, 1, [Run], [SeriesBlock.Encode(Series("loss", 1.5))]);
        var bytes = compact.ToArray();

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => CompactSnapshot.Read(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Read_Throws_WhenBlocksAreMissingOrTheMagicIsWrong()
    {
        var head = CompactSnapshot.Head(1, [Run], 1);

        Assert.Throws<InvalidDataException>(() => CompactSnapshot.Read(head));
        Assert.Throws<InvalidDataException>(() => CompactSnapshot.Read([.. "{\"seq\":1}"u8]));
    }
}
