using ClickHouse.Http;
using Contracts.Series;
using Ingestor.Sources.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class RunTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static MetricRow Row(string runId, string metric, long step, DateTimeOffset time, string host = "") =>
        new(new SeriesKey(runId, metric, host), step, time.ToUnixTimeMilliseconds(), 1);

    [Fact]
    public void Changes_HoldNewRunsOnce_ThenOnlyChangesOfActiveState()
    {
        var catalog = new RunTracker(TimeSpan.FromMinutes(5));
        catalog.Observe(Row("r", "loss", 1, Now.AddMinutes(-1)));

        var first = Assert.Single(catalog.Changes(Now));
        Assert.True(first.IsActive);
        catalog.HandedOn([first]);
        Assert.Empty(catalog.Changes(Now));

        var later = Assert.Single(catalog.Changes(Now.AddMinutes(5)));
        Assert.False(later.IsActive);
        catalog.HandedOn([later]);
        catalog.Observe(Row("r", "loss", 2, Now.AddMinutes(5)));
        Assert.True(Assert.Single(catalog.Changes(Now.AddMinutes(5))).IsActive);
    }

    [Fact]
    public void Meta_CombinesRowsAndTheMetadataQuery()
    {
        var catalog = new RunTracker(TimeSpan.FromMinutes(5));
        catalog.Observe(Row("r", "loss", 10, Now.AddHours(-1)));
        catalog.Observe(Row("r", "util", 10, Now.AddHours(-1), host: "node-1"));
        catalog.Observe(Row("r", "util", 11, Now.AddMinutes(-30), host: "node-2"));
        catalog.Merge(new RunSummary("r", Now.AddHours(-2).ToUnixTimeMilliseconds(), Now.AddMinutes(-40).ToUnixTimeMilliseconds(), 500, 2));

        var meta = Assert.Single(catalog.All(Now));

        Assert.Equal(RunSource.ClickHouse, meta.Source);
        Assert.Equal(Now.AddHours(-2), meta.StartTime);
        Assert.Equal(Now.AddMinutes(-30), meta.LastEventTime);
        Assert.Equal(500, meta.LatestStep);
        Assert.Equal(3, meta.SeriesCount);
        Assert.Equal(Now.AddMinutes(-30).ToUnixTimeMilliseconds(), catalog.NewestTimeMs);
    }

    [Fact]
    public void All_ListsTheMostRecentlyActiveRunFirst()
    {
        var catalog = new RunTracker(TimeSpan.FromMinutes(5));
        catalog.Observe(Row("old", "loss", 1, Now.AddDays(-1)));
        catalog.Observe(Row("new", "loss", 1, Now));

        Assert.Equal(["new", "old"], catalog.All(Now).Select(run => run.RunId));
    }
}
