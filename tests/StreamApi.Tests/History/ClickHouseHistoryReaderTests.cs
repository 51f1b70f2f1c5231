using Contracts.Series;
using StreamApi.History;
using TestSupport.ClickHouse;

namespace StreamApi.Tests.History;

[Collection(nameof(HistoryCollection))]
public sealed class ClickHouseHistoryReaderTests(ClickHouseServerFixture clickHouse)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddDays(-1);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadMetric_ReturnsEachSeriesAsColumnsInStepOrder_KeepingHostsApart()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("r", "sys.gpu.0.util_percent", 2, 70, Start.AddSeconds(2), Host: "node-2", Device: 0),
            new TestMetricPoint("r", "sys.gpu.0.util_percent", 1, 90, Start.AddSeconds(1), Host: "node-1", Device: 0),
            new TestMetricPoint("r", "sys.gpu.0.util_percent", 2, 91, Start.AddSeconds(2), Host: "node-1", Device: 0),
            new TestMetricPoint("r", "sys.gpu.0.util_percent", 1, 71, Start.AddSeconds(1), Host: "node-2", Device: 0),
            new TestMetricPoint("r", "loss", 1, 3, Start),
            new TestMetricPoint("other", "sys.gpu.0.util_percent", 1, 5, Start, Host: "node-1", Device: 0));
        using var readers = new HistoryReaders(database.ConnectionString);

        var history = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("r", "sys.gpu.0.util_percent"), Cancellation);

        Assert.Equal(HistoryLookup.Found, history.Lookup);
        Assert.Null(history.Aggregation);
        Assert.Equal(4, history.RawPoints);
        Assert.Equal(
            [new SeriesKey("r", "sys.gpu.0.util_percent", "node-1", 0, 0), new SeriesKey("r", "sys.gpu.0.util_percent", "node-2", 0, 0)],
            history.Series.Select(s => s.Key));
        var node1 = history.Series[0];
        Assert.Equal([1L, 2], node1.Steps.ToArray());
        Assert.Equal([Start.AddSeconds(1).ToUnixTimeMilliseconds(), Start.AddSeconds(2).ToUnixTimeMilliseconds()], node1.TimesMs.ToArray());
        Assert.Equal([90.0, 91], node1.Values.ToArray());
        Assert.True(node1.NonFiniteCounts.IsEmpty);
    }

    [Fact]
    public async Task ReadMetric_KeepsToTheStepAndTimeRanges_Inclusively()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(Enumerable.Range(0, 100).Select(step => new TestMetricPoint("r", "loss", step, step, Start.AddSeconds(step))));
        using var readers = new HistoryReaders(database.ConnectionString);

        var bySteps = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("r", "loss") { FromStep = 10, ToStep = 19 }, Cancellation);
        var byTime = await readers.Reader.ReadMetricAsync(
            new MetricHistoryQuery("r", "loss") { FromTimeMs = Start.AddSeconds(50).ToUnixTimeMilliseconds(), ToTimeMs = Start.AddSeconds(52).ToUnixTimeMilliseconds() + 999 },
            Cancellation);
        var both = await readers.Reader.ReadMetricAsync(
            new MetricHistoryQuery("r", "loss") { FromStep = 30, FromTimeMs = Start.AddSeconds(60).ToUnixTimeMilliseconds() + 1 }, Cancellation);

        Assert.Equal(Enumerable.Range(10, 10).Select(step => (long)step), Assert.Single(bySteps.Series).Steps.ToArray());
        Assert.Equal([50L, 51, 52], Assert.Single(byTime.Series).Steps.ToArray());
        Assert.Equal(61, Assert.Single(both.Series).Steps.Span[0]);
        Assert.Equal(39, both.RawPoints);
    }

    [Fact]
    public async Task ReadMetric_TellsAnUnknownRunFromAnUnknownMetric_AndAnEmptyRange()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(new TestMetricPoint("r", "loss", 5, 1, Start));
        using var readers = new HistoryReaders(database.ConnectionString);

        Assert.Equal(HistoryLookup.RunNotFound, (await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("nope", "loss"), Cancellation)).Lookup);
        Assert.Equal(HistoryLookup.MetricNotFound, (await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("r", "accuracy"), Cancellation)).Lookup);
        var empty = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("r", "loss") { FromStep = 6 }, Cancellation);
        Assert.Equal(HistoryLookup.Found, empty.Lookup);
        Assert.Empty(empty.Series);
        Assert.True(await readers.Reader.RunExistsAsync("r", Cancellation));
        Assert.False(await readers.Reader.RunExistsAsync("nope", Cancellation));
        Assert.Equal(["loss"], await readers.Reader.GetMetricsAsync("r", Cancellation));
    }

    [Fact]
    public async Task ReadMetric_KeepsNaNAndInfinity_AsValues()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("r", "loss", 1, double.NaN, Start),
            new TestMetricPoint("r", "loss", 2, double.PositiveInfinity, Start),
            new TestMetricPoint("r", "loss", 3, double.NegativeInfinity, Start));
        using var readers = new HistoryReaders(database.ConnectionString);

        var history = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("r", "loss"), Cancellation);

        Assert.Equal([double.NaN, double.PositiveInfinity, double.NegativeInfinity], Assert.Single(history.Series).Values.ToArray());
    }

    public static TheoryData<string> HostileStrings =>
        ["it's", "'; DROP TABLE metric_points; --", "back\\slash", "tab\tnew\nline", "训练 🚀", "' OR 1=1 --", "\\'"];

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task ReadMetric_FindsExactlyTheRunAndMetricAsked_WhateverTheyHold(string hostile)
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint(hostile, hostile, 1, 42, Start),
            new TestMetricPoint("innocent", "loss", 1, 0, Start));
        using var readers = new HistoryReaders(database.ConnectionString);

        var history = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery(hostile, hostile), Cancellation);

        var series = Assert.Single(history.Series);
        Assert.Equal(new SeriesKey(hostile, hostile), series.Key);
        Assert.Equal([42.0], series.Values.ToArray());
        Assert.Equal(HistoryLookup.RunNotFound, (await readers.Reader.ReadMetricAsync(new MetricHistoryQuery(hostile + "x", "loss"), Cancellation)).Lookup);
        Assert.Equal(2, await database.CountAsync());
    }

    [Fact]
    public async Task ReadMetric_AggregatesInClickHouse_KeepingEnvelopeEndsAndNonFiniteCounts_WhenTheRangeExceedsTheBound()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        // 20,000 steps of a noisy loss with one spike, one dip and 37 NaN, on two ranks: 40,000 rows against a bound of 1,000.
        await database.InsertSelectAsync(
            $"SELECT toDateTime({Start.ToUnixTimeSeconds()} + intDiv(number, 2)), 'big', '', number % 2, 65535, intDiv(number, 2), 'loss', " +
            "if(intDiv(number, 2) = 12345 AND number % 2 = 0, 1000, if(intDiv(number, 2) = 777 AND number % 2 = 1, -50, " +
            "if(intDiv(number, 2) % 541 = 0 AND number % 2 = 0 AND intDiv(number, 2) > 0, nan, 1 + (number % 7) / 10))) " +
            "FROM system.numbers LIMIT 40000");
        using var readers = new HistoryReaders(database.ConnectionString, maxRawRows: 1_000);

        var history = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("big", "loss"), Cancellation);

        Assert.Equal(40_000, history.RawPoints);
        Assert.Equal(HistoryAxis.Step, history.Aggregation!.Axis);
        Assert.Equal(2, history.Series.Count);
        Assert.InRange(history.Series.Sum(s => s.Count), 2, 1_000);
        var rank0 = history.Series.Single(s => s.Key.Rank == 0);
        var rank1 = history.Series.Single(s => s.Key.Rank == 1);
        Assert.Equal(1000, rank0.Values.ToArray().Where(double.IsFinite).Max());
        Assert.Equal(12345, rank0.Steps.Span[Array.IndexOf(rank0.Values.ToArray(), 1000.0)]);
        Assert.Equal(-50, rank1.Values.ToArray().Where(double.IsFinite).Min());
        Assert.Equal(36, rank0.NonFiniteCounts.ToArray().Sum());
        Assert.Equal(0, rank1.NonFiniteCounts.ToArray().Sum());
        Assert.Equal(0, rank0.Steps.Span[0]);
        Assert.Equal(19_999, rank0.Steps.Span[^1]);
        Assert.True(rank0.Steps.ToArray().Zip(rank0.Steps.ToArray().Skip(1)).All(pair => pair.First < pair.Second));
    }

    [Fact]
    public async Task ReadMetric_AggregatesByTime_WhenEveryRowHasTheSameStep()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertSelectAsync(
            $"SELECT toDateTime({Start.ToUnixTimeSeconds()} + number), 'sys', 'node-1', 0, 65535, 0, 'sys.cpu.util_percent', number % 100 FROM system.numbers LIMIT 5000");
        using var readers = new HistoryReaders(database.ConnectionString, maxRawRows: 1_000);

        var history = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("sys", "sys.cpu.util_percent"), Cancellation);

        Assert.Equal(HistoryAxis.Time, history.Aggregation!.Axis);
        var series = Assert.Single(history.Series);
        Assert.InRange(series.Count, 2, 1_000);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), series.TimesMs.Span[0]);
        Assert.Equal(Start.AddSeconds(4999).ToUnixTimeMilliseconds(), series.TimesMs.Span[^1]);
        Assert.Equal(99, series.Values.ToArray().Max());
        Assert.Equal(0, series.Values.ToArray().Min());
    }

    [Fact]
    public async Task ReadMetric_ReadsAboutTheMetricsRows_NotTheTable()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertSelectAsync(
            $"SELECT toDateTime({Start.ToUnixTimeSeconds()} + intDiv(number, 100)), concat('run-', toString(number % 50)), '', 0, 65535, intDiv(number, 100), " +
            "if(number % 3 = 0, 'loss', 'lr'), 1 FROM system.numbers LIMIT 200000");
        await database.OptimizeAsync();
        using var readers = new HistoryReaders(database.ConnectionString);

        var history = await readers.Reader.ReadMetricAsync(new MetricHistoryQuery("run-7", "loss"), Cancellation);

        var rows = history.RawPoints;
        Assert.InRange(rows, 1_300, 1_400);
        var reads = await database.FinishedQueriesAsync("SELECT host, rank, device, step");
        Assert.InRange(Assert.Single(reads).ReadRows, rows, rows + (3 * 8192));
    }

    [Fact]
    public async Task ReadCheckpoints_ReturnsTheCheckpointRowsOfTheRun_ByStep()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("r", "checkpoint_save", 2000, 1, Start.AddHours(2)),
            new TestMetricPoint("r", "checkpoint_save", 1000, 1, Start.AddHours(1), Host: "node-0"),
            new TestMetricPoint("r", "checkpoint_load", 1500, 1, Start.AddHours(1.5)),
            new TestMetricPoint("r", "checkpointing_overhead", 1000, 0.3, Start),
            new TestMetricPoint("r", "loss", 1000, 2, Start),
            new TestMetricPoint("other", "checkpoint_save", 10, 1, Start));
        using var readers = new HistoryReaders(database.ConnectionString);

        var checkpoints = await readers.Reader.ReadCheckpointsAsync("r", Cancellation);

        Assert.Equal(
            [
                new CheckpointRow("checkpoint_save", 1000, Start.AddHours(1).ToUnixTimeMilliseconds(), 1, "node-0", 0, 65535),
                new CheckpointRow("checkpoint_load", 1500, Start.AddHours(1.5).ToUnixTimeMilliseconds(), 1, "", 0, 65535),
                new CheckpointRow("checkpoint_save", 2000, Start.AddHours(2).ToUnixTimeMilliseconds(), 1, "", 0, 65535),
            ],
            checkpoints);
        Assert.Empty(await readers.Reader.ReadCheckpointsAsync("nope", Cancellation));
    }
}
