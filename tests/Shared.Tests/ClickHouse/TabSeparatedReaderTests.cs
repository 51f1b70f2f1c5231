using ClickHouse.Http;
using Contracts.Series;

namespace Shared.Tests.ClickHouse;

public sealed class TabSeparatedReaderTests
{
    [Fact]
    public async Task MetricRows_AreParsed_WhenLinesStraddleSegments()
    {
        var rows = await ReadMetricRowsAsync(
            "run-1\tloss\t\t0\t65535\t10\t1764100000000\t0.5\nrun-1\tlo",
            "ss\tnode-3\t2\t0\t11\t17641000",
            "01000\t-1.25e-7\n");

        Assert.Equal(
            [
                new MetricRow(new SeriesKey("run-1", "loss"), 10, 1764100000000, 0.5),
                new MetricRow(new SeriesKey("run-1", "loss", "node-3", 2, 0), 11, 1764100001000, -1.25e-7),
            ],
            rows);
    }

    [Theory]
    [InlineData("nan", double.NaN)]
    [InlineData("-nan", double.NaN)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("1e-300", 1e-300)]
    [InlineData("-0", -0.0)]
    public async Task MetricRows_KeepNonFiniteAndExactValues(string text, double expected)
    {
        var rows = await ReadMetricRowsAsync($"r\tm\t\t0\t65535\t1\t1000\t{text}\n");

        Assert.Equal(expected, Assert.Single(rows).Value);
    }

    [Fact]
    public async Task Strings_AreUnescaped_WhenTheyHoldTabSeparatedEscapes()
    {
        // As ClickHouse writes: \' for a quote, \\ for a backslash, \t \n for tab and newline.
        var rows = await ReadMetricRowsAsync(
            "it\\'s\\t\\n\\\\ \\0run\tm\\x41\thöst ✓\t0\t65535\t1\t1000\t1\n");

        var key = Assert.Single(rows).Series;
        Assert.Equal("it's\t\n\\ \0run", key.RunId);
        Assert.Equal("mA", key.Metric);
        Assert.Equal("höst ✓", key.Host);
    }

    [Fact]
    public async Task Strings_AreSharedInstances_WhenTheyRepeat()
    {
        var rows = await ReadMetricRowsAsync(
            "run\tloss\th\t0\t65535\t1\t1000\t1\n",
            "run\tloss\th\t0\t65535\t2\t2000\t1\n");

        Assert.Same(rows[0].Series.RunId, rows[1].Series.RunId);
        Assert.Same(rows[0].Series.Metric, rows[1].Series.Metric);
    }

    [Fact]
    public async Task ReadMore_Throws_WhenTheResponseEndsInTheMiddleOfARow()
    {
        var exception = await Assert.ThrowsAsync<ClickHouseException>(
            () => ReadMetricRowsAsync("r\tm\t\t0\t65535\t1\t1000\t1\nr\tm\t\t0"));

        Assert.Contains("middle of a row after 1 rows", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_ReportsTheServerError_WhenClickHouseFailsMidStream()
    {
        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => ReadMetricRowsAsync(
            "r\tm\t\t0\t65535\t1\t1000\t1\n",
            "Code: 241, e.displayText() = DB::Exception: Memory limit (for query) exceeded\n"));

        Assert.StartsWith("ClickHouse failed while sending the result: Code: 241", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r\tm\t\t0\t65535\t1\t1000\n")]
    [InlineData("r\tm\t\t0\t65535\t1\t1000\t1\textra\n")]
    [InlineData("r\tm\t\tzero\t65535\t1\t1000\t1\n")]
    [InlineData("r\tm\t\t0\t65535\t1\t1000\tabc\n")]
    public async Task Parse_Throws_WhenARowDoesNotHaveTheExpectedShape(string body)
    {
        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => ReadMetricRowsAsync(body));

        Assert.StartsWith("Unexpected row from ClickHouse", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMore_ReturnsFalse_WhenTheResponseIsEmpty()
    {
        Assert.Empty(await ReadMetricRowsAsync());
    }

    private static async Task<List<MetricRow>> ReadMetricRowsAsync(params string[] pieces)
    {
        var reader = new TabSeparatedReader(Chunks.Reader(pieces));
        var strings = new Utf8StringCache();
        var rows = new List<MetricRow>();
        while (await reader.ReadMoreAsync(TestContext.Current.CancellationToken))
        {
            while (reader.TryReadLine(out var line))
            {
                rows.Add(MetricRow.Parse(line, strings));
            }
        }
        return rows;
    }
}
