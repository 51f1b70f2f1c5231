using System.Text.Json;
using Contracts.Wire;
using Ingestor.Series;
using Microsoft.Extensions.Options;

namespace Ingestor.Tests.Series;

public sealed class SeriesStoreRunSettingsTests
{
    private static readonly RunMeta Run = new()
    {
        RunId = "r", Source = "clickhouse", StartTime = DateTimeOffset.UnixEpoch, LastEventTime = DateTimeOffset.UnixEpoch,
        LatestStep = 1, IsActive = true,
        Config = Config("""{"lr":0.1,"optimizer":"adamw"}"""),
        Units = new Dictionary<string, string> { ["throughput"] = "tokens/s" },
    };

    [Fact]
    public async Task Runs_ArePublishedAgain_OnlyWhenTheirConfigOrUnitsChange()
    {
        var store = new SeriesStore(Options.Create(new DecimationOptions()), Options.Create(new RetentionOptions()), TimeProvider.System);
        await store.UpsertRunsAsync([Run], CancellationToken.None);
        var first = Assert.Single(Changes(store)!);
        Assert.Equal(0.1, first.Config!["lr"].GetDouble());
        Assert.Equal("tokens/s", first.Units!["throughput"]);

        await store.UpsertRunsAsync([Run with { LatestStep = 2 }], CancellationToken.None);
        Assert.Null(Changes(store));
        await store.UpsertRunsAsync([Run with { Config = Config("""{"optimizer":"adamw","lr":0.1}""") }], CancellationToken.None);
        Assert.Null(Changes(store));

        await store.UpsertRunsAsync([Run with { Config = Config("""{"lr":0.2,"optimizer":"adamw"}""") }], CancellationToken.None);
        Assert.Equal(0.2, Assert.Single(Changes(store)!).Config!["lr"].GetDouble());
        await store.UpsertRunsAsync([Run with { Config = Config("""{"lr":0.2,"optimizer":"adamw"}"""), Units = new Dictionary<string, string> { ["throughput"] = "samples/s" } }],
            CancellationToken.None);
        Assert.Equal("samples/s", Assert.Single(Changes(store)!).Units!["throughput"]);
    }

    private static RunMeta[]? Changes(SeriesStore store) => store.TakeChanges(captureSnapshot: false, snapshotEverything: false, forceRuns: false).ChangedRuns;

    private static Dictionary<string, JsonElement> Config(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
