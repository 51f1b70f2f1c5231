using System.Text;
using System.Text.Json;
using Contracts.Redis;

namespace Shared.Tests.Redis;

public sealed class StoredSeriesJsonTests
{
    /// <summary>What an ingestor that stored series as JSON wrote, the series id named as it then was.</summary>
    private const string StoredByAnOlderIngestor =
        """{"run_id":"r1","series":"loss{host=node-1}","metric":"loss","host":"node-1","rank":0,"device":65535,"total_points":2,"bucket_width":1,"steps":[0,100],"times_ms":[1,2],"values":[2.5,"NaN"],"mins":[2.5,"NaN"],"maxs":[2.5,"NaN"],"non_finite":[0,1]}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Read_TakesTheSeriesId_UnderTheNameOlderIngestorsGaveIt()
    {
        var series = StoredSeriesJson.Read(Utf8(StoredByAnOlderIngestor));

        Assert.Equal("r1", series.RunId);
        Assert.Equal("loss{host=node-1}", series.SeriesId);
        Assert.Equal([0L, 100L], series.Steps);
        Assert.True(double.IsNaN(series.Values[1]));
        Assert.Equal([0, 1], series.NonFinite!);
    }

    [Fact]
    public void Read_TakesTheSeriesId_AsTheWireNamesIt()
    {
        var series = StoredSeriesJson.Read(Utf8(StoredByAnOlderIngestor.Replace("\"series\":", "\"series_id\":", StringComparison.Ordinal)));

        Assert.Equal("loss{host=node-1}", series.SeriesId);
    }

    [Theory]
    [InlineData("""{"run_id":"r1","metric":"loss","steps":[],"times_ms":[],"values":[],"mins":[],"maxs":[]}""")]
    [InlineData("""{"run_id":"r1","series":["loss"],"metric":"loss","steps":[],"times_ms":[],"values":[],"mins":[],"maxs":[]}""")]
    [InlineData("""["loss"]""")]
    [InlineData("""{"run_id":""")]
    public void Read_RefusesJson_ThatIsNotASeries(string json)
    {
        Assert.ThrowsAny<JsonException>(() => StoredSeriesJson.Read(Utf8(json)));
    }
}
