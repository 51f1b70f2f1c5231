using TensorBoard;

namespace Shared.Tests.TensorBoard;

public sealed class TfRecordReaderTests
{
    [Fact]
    public void Reader_StopsAtPartialRecord_AndResumesFromCompleteOffsetWhenItGrows()
    {
        var whole = Records(out var ends, "first"u8.ToArray(), "second"u8.ToArray(), "third"u8.ToArray());
        var cut = ends[1] + 5;

        using var partial = new MemoryStream(whole[..(int)cut]);
        using var firstPass = new TfRecordReader(partial, 0);
        Assert.Equal(TfRecordReadStatus.Record, firstPass.Read());
        Assert.Equal(TfRecordReadStatus.Record, firstPass.Read());
        Assert.Equal(TfRecordReadStatus.End, firstPass.Read());
        Assert.Equal(ends[1], firstPass.CompleteOffset);

        using var grown = new MemoryStream(whole);
        using var secondPass = new TfRecordReader(grown, firstPass.CompleteOffset);
        Assert.Equal(TfRecordReadStatus.Record, secondPass.Read());
        Assert.Equal("third"u8.ToArray(), secondPass.Data.ToArray());
        Assert.Equal(TfRecordReadStatus.End, secondPass.Read());
        Assert.Equal(whole.Length, secondPass.CompleteOffset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(11)]
    public void Reader_WaitsForHeader_WhenOnlyPartOfItIsWritten(int headerBytes)
    {
        var whole = Records(out _, "only"u8.ToArray());
        using var stream = new MemoryStream(whole[..headerBytes]);
        using var reader = new TfRecordReader(stream, 0);

        Assert.Equal(TfRecordReadStatus.End, reader.Read());
        Assert.Equal(0, reader.CompleteOffset);
        Assert.False(reader.Resynchronizing);
    }

    [Fact]
    public void Reader_SkipsExactlyTheRecord_WhenItsDataCrcIsBad()
    {
        var whole = Records(out var ends, "a"u8.ToArray(), "bb"u8.ToArray(), "ccc"u8.ToArray());
        whole[ends[0] + TfRecord.HeaderSize] ^= 0xff;

        var (statuses, data) = ReadAll(whole);

        Assert.Equal([TfRecordReadStatus.Record, TfRecordReadStatus.DataCorrupt, TfRecordReadStatus.Record], statuses);
        Assert.Equal(["a", "ccc"], data);
    }

    [Fact]
    public void Reader_ResynchronisesOnNextHeader_WhenALengthCrcIsBad()
    {
        var whole = Records(out var ends, "a"u8.ToArray(), new byte[100], "ccc"u8.ToArray(), "dddd"u8.ToArray());
        whole[ends[0] + 2] ^= 0x40;

        var (statuses, data) = ReadAll(whole);

        Assert.Equal([TfRecordReadStatus.Record, TfRecordReadStatus.LengthCorrupt, TfRecordReadStatus.Record, TfRecordReadStatus.Record], statuses);
        Assert.Equal(["a", "ccc", "dddd"], data);
    }

    [Fact]
    public void Reader_ContinuesScanning_WhenAPassEndsInsideACorruptRegion()
    {
        var whole = Records(out var ends, "a"u8.ToArray(), new byte[64], "ccc"u8.ToArray());
        whole[ends[0] + 1] ^= 0x01;
        var cut = ends[1] - 4;

        using var first = new MemoryStream(whole[..(int)cut]);
        using var firstPass = new TfRecordReader(first, 0);
        Assert.Equal(TfRecordReadStatus.Record, firstPass.Read());
        Assert.Equal(TfRecordReadStatus.LengthCorrupt, firstPass.Read());
        Assert.Equal(TfRecordReadStatus.End, firstPass.Read());
        Assert.True(firstPass.Resynchronizing);

        using var second = new MemoryStream(whole);
        using var secondPass = new TfRecordReader(second, firstPass.CompleteOffset, firstPass.Resynchronizing);
        Assert.Equal(TfRecordReadStatus.Record, secondPass.Read());
        Assert.Equal("ccc"u8.ToArray(), secondPass.Data.ToArray());
        Assert.Equal(TfRecordReadStatus.End, secondPass.Read());
    }

    [Fact]
    public void Reader_ReadsRecordsLargerThanItsBuffer()
    {
        var big = new byte[300_000];
        Random.Shared.NextBytes(big);
        var whole = Records(out _, big, "tail"u8.ToArray());

        var (statuses, data) = ReadAll(whole);

        Assert.Equal([TfRecordReadStatus.Record, TfRecordReadStatus.Record], statuses);
        Assert.Equal("tail", data[1]);
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    private static byte[] Records(out long[] ends, params byte[][] records)
    {
        using var stream = new MemoryStream();
        var writer = new TfRecordWriter(stream);
        ends = new long[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            writer.Write(records[i]);
            ends[i] = stream.Position;
        }
        return stream.ToArray();
    }

    private static (List<TfRecordReadStatus> Statuses, List<string> Data) ReadAll(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = new TfRecordReader(stream, 0);
        var statuses = new List<TfRecordReadStatus>();
        var data = new List<string>();
        TfRecordReadStatus status;
        while ((status = reader.Read()) != TfRecordReadStatus.End)
        {
            statuses.Add(status);
            if (status == TfRecordReadStatus.Record)
            {
                data.Add(System.Text.Encoding.ASCII.GetString(reader.Data.Span));
            }
        }
        Assert.Equal(bytes.Length, reader.CompleteOffset);
        return (statuses, data);
    }
}
