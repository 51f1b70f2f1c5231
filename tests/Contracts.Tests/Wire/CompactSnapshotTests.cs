using Contracts.Wire;
using Contracts.Wire.Binary;

namespace Contracts.Tests.Wire;

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

    private static SeriesPoints Series(string id, double value) => new()
    {
        RunId = "r1",
        Series = id,
        Metric = id,
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
        byte[] compact = [.. CompactSnapshot.Head(4181, [Run], series.Length), .. series.SelectMany(SeriesBlock.Encode)];

        var snapshot = CompactSnapshot.Read(compact);

        Assert.Equal(4181, snapshot.Seq);
        Assert.Equal([Run], snapshot.Runs);
        Assert.Equal(2, snapshot.Series.Length);
        Assert.Equal(series[1].Values, snapshot.Series[1].Values);
        Assert.Equal(series[1].Mins, snapshot.Series[1].Mins);
        Assert.Equal("lr", snapshot.Series[1].Series);
    }

    [Fact]
    public void Read_Throws_WhenBlocksAreMissingOrTheMagicIsWrong()
    {
        var head = CompactSnapshot.Head(1, [Run], 1);

        Assert.Throws<InvalidDataException>(() => CompactSnapshot.Read(head));
        Assert.Throws<InvalidDataException>(() => CompactSnapshot.Read([.. "{\"seq\":1}"u8]));
    }
}
