using TensorBoard;

namespace Shared.Tests.TensorBoard;

public sealed class TensorBoardEventParserTests
{
    [Theory]
    [InlineData("experiment_2022-01-01 06:00:00")]
    [InlineData("tf2_style")]
    public void Parser_ReadsFixtureExactly_AsEventAccumulatorDid(string run)
    {
        var (expectedScalars, expectedHistograms) = FixtureEvents.Expected(run);
        var (scalars, histograms) = FixtureEvents.Read(run);

        Assert.Equal(expectedScalars.Keys.Order(), scalars.Keys.Order());
        foreach (var (tag, expectedRows) in expectedScalars)
        {
            var rows = scalars[tag];
            Assert.Equal(expectedRows.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(expectedRows[i].Step, rows[i].Step);
                // Exact: the same double, or NaN for NaN (NaN payloads are not data).
                Assert.True(expectedRows[i].Value.Equals(rows[i].Value), $"{tag} step {rows[i].Step}: expected {expectedRows[i].Value:R}, read {rows[i].Value:R}");
                Assert.Equal(expectedRows[i].WallTime, rows[i].WallTime);
            }
        }
        Assert.Equal(expectedHistograms.Order(), histograms.Order());
    }

    [Fact]
    public void Parser_SummarizesPyTorchHistograms_WithExactMinMaxAndCount()
    {
        using var stream = new MemoryStream();
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteHistogram("Parameters/weight", 7, [1.0, 2.0, 4.0, -3.0], 1795391398.5);
        var e = ReadSingleEvent(stream);

        var value = Assert.Single(e.Values);
        Assert.Equal(TensorBoardValueKind.Histogram, value.Kind);
        Assert.Equal(7, e.Step);
        Assert.Equal(-3.0, value.Histogram.Min);
        Assert.Equal(4.0, value.Histogram.Max);
        Assert.Equal(4.0, value.Histogram.Count);
        Assert.Equal(1.0, value.Histogram.Mean);
    }

    [Fact]
    public void Parser_ReadsTensorScalars_WhenPluginMetadataCameOnlyWithTheFirstEvent()
    {
        using var stream = new MemoryStream();
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteTensorScalar("train/loss", 1, 0.5f, 10);
        writer.WriteTensorScalar("train/loss", 2, 0.25f, 11, withMetadata: false);
        var records = RecordsOf(stream);

        var parser = new TensorBoardEventParser();
        var e = new TensorBoardEvent();
        Assert.True(parser.TryParse(records[0], e));
        Assert.Equal(0.5, Assert.Single(e.Values).Scalar);
        Assert.True(parser.TryParse(records[1], e));
        Assert.Equal(0.25, Assert.Single(e.Values).Scalar);

        // A parser that never saw the tag's metadata cannot tell what the tensor is.
        Assert.True(new TensorBoardEventParser().TryParse(records[1], e));
        Assert.Empty(e.Values);
        Assert.Equal(1, e.OtherValues);
    }

    [Fact]
    public void Parser_RejectsTruncatedEvent_WithoutThrowing()
    {
        using var stream = new MemoryStream();
        new TensorBoardEventWriter(stream).WriteScalar("Loss/batch", 3, 1.5f, 12);
        var data = RecordData(stream);

        Assert.False(new TensorBoardEventParser().TryParse(data[..^2], new TensorBoardEvent()));
    }

    private static TensorBoardEvent ReadSingleEvent(MemoryStream stream)
    {
        var e = new TensorBoardEvent();
        Assert.True(new TensorBoardEventParser().TryParse(RecordData(stream), e));
        return e;
    }

    private static byte[] RecordData(MemoryStream stream) => Assert.Single(RecordsOf(stream));

    private static List<byte[]> RecordsOf(MemoryStream stream)
    {
        stream.Position = 0;
        using var reader = new TfRecordReader(stream, 0);
        var records = new List<byte[]>();
        while (reader.Read() == TfRecordReadStatus.Record)
        {
            records.Add(reader.Data.ToArray());
        }
        return records;
    }
}
