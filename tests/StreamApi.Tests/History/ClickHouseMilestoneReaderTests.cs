using StreamApi.History;
using TestSupport.ClickHouse;

namespace StreamApi.Tests.History;

[Collection(nameof(HistoryCollection))]
public sealed class ClickHouseMilestoneReaderTests(ClickHouseServerFixture clickHouse)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddDays(-1);

    [Fact]
    public async Task ReadMilestones_ReturnsTheNamedRowsOfTheRun_OldestFirst()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        await database.InsertAsync(
            new TestMetricPoint("r", "progress.milestone", 2500, 2500, Start.AddMinutes(30), TagsJson: """{"milestone":"lr decay"}"""),
            new TestMetricPoint("r", "progress.milestone", 1200, 1200, Start.AddMinutes(10), TagsJson: """{"milestone": "warmup \"done\""}"""),
            new TestMetricPoint("r", "eval.accuracy", 3000, 0.7, Start.AddMinutes(40), TagsJson: """{"milestone":3,"split":"val"}"""),
            new TestMetricPoint("r", "loss", 1, 2.5, Start, TagsJson: """{"note":"milestone"}"""),
            new TestMetricPoint("r", "loss", 2, 2.4, Start, TagsJson: """{"milestone":"""),
            new TestMetricPoint("r", "loss", 3, 2.3, Start, TagsJson: """{"lr":0.1}"""),
            new TestMetricPoint("other", "progress.milestone", 5, 5, Start, TagsJson: """{"milestone":"not this run"}"""));
        using var readers = new HistoryReaders(database.ConnectionString);

        var milestones = await readers.Reader.ReadMilestonesAsync("r", TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                new MilestoneRow("progress.milestone", 1200, Start.AddMinutes(10).ToUnixTimeMilliseconds(), "warmup \"done\""),
                new MilestoneRow("progress.milestone", 2500, Start.AddMinutes(30).ToUnixTimeMilliseconds(), "lr decay"),
                new MilestoneRow("eval.accuracy", 3000, Start.AddMinutes(40).ToUnixTimeMilliseconds(), "3"),
            ],
            milestones);
        Assert.Empty(await readers.Reader.ReadMilestonesAsync("no-such-run", TestContext.Current.CancellationToken));
    }
}
