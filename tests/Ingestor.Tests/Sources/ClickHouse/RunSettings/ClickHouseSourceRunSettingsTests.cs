using Ingestor.Sources.ClickHouse;
using Ingestor.Sources.ClickHouse.RunSettings;
using TestSupport.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse.RunSettings;

public sealed class ClickHouseSourceRunSettingsTests(ClickHouseServerFixture clickHouse)
{
    private static DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    [Fact]
    public async Task Config_MergesTagsJsonAcrossRowsAndInserts_NewestValuePerKey_WithUnits()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var start = Now.AddMinutes(-2);
        await database.InsertAsync(
            new TestMetricPoint("r", "loss", 0, 2.5, start, TagsJson: """{"lr":0.0003,"optimizer":"adamw","seed":21,"bf16":true}"""),
            new TestMetricPoint("r", "loss", 1, 2.4, start.AddSeconds(10), TagsJson: """{"lr":0.0001,"phase":"warmup"}"""),
            new TestMetricPoint("r", "throughput", 0, 9000, start, Unit: "samples/s"),
            new TestMetricPoint("r", "throughput", 1, 9100, start.AddSeconds(10), Unit: "tokens/s"),
            new TestMetricPoint("r", "throughput", 2, 9200, start.AddSeconds(20)),
            new TestMetricPoint("r", "progress.milestone", 1, 1, start.AddSeconds(10), TagsJson: """{"milestone":"warmup done"}"""));
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);

        await runner.Sink.WaitUntilAsync(sink => sink.LatestRun("r")?.Config?.ContainsKey("phase") == true, "the run's config");
        var first = runner.Sink.LatestRun("r")!;
        Assert.Equal(0.0001, first.Config!["lr"].GetDouble());
        Assert.Equal("adamw", first.Config["optimizer"].GetString());
        Assert.Equal(21, first.Config["seed"].GetInt32());
        Assert.True(first.Config["bf16"].GetBoolean());
        Assert.False(first.Config.ContainsKey("milestone"));
        Assert.Equal(new Dictionary<string, string> { ["throughput"] = "tokens/s" }, first.Units!.ToDictionary());

        // A later insert changes one key and adds one; the older keys stay.
        await database.InsertAsync(new TestMetricPoint("r", "loss", 2, 2.3, Now, TagsJson: """{"phase":"decay","layers":[32,32]}"""));
        await runner.Sink.WaitUntilAsync(sink => sink.LatestRun("r")?.Config?.ContainsKey("layers") == true, "the changed config");
        var later = runner.Sink.LatestRun("r")!.Config!;
        Assert.Equal("decay", later["phase"].GetString());
        Assert.Equal("[32,32]", later["layers"].GetRawText());
        Assert.Equal(0.0001, later["lr"].GetDouble());
        Assert.Equal("adamw", later["optimizer"].GetString());
    }

    [Fact]
    public async Task Config_IsKept_WhenMoreMilestonesThanTagSetsReadPerRunFollowIt()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var start = Now.AddMinutes(-3);
        await database.InsertAsync(
            Enumerable.Range(1, RunSettingsQuery.MaxTagSetsPerRun + 10)
                .Select(i => new TestMetricPoint("m", "progress.milestone", i, i, start.AddSeconds(i % 60), TagsJson: $$"""{ "milestone" : "step {{i}}" }"""))
                .Prepend(new TestMetricPoint("m", "loss", 0, 1, start, TagsJson: """{"optimizer":"adamw"}""")));

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Equal("adamw", runner.Sink.LatestRun("m")?.Config?["optimizer"].GetString());
    }

    [Fact]
    public async Task Runs_AreReadWithoutConfigOrUnits_FromATableWithoutThoseColumns()
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);
        await database.Client.ExecuteAsync($"""
            CREATE TABLE {database.Name}.{ClickHouseTestDatabase.TableName} (
              event_time DateTime, run_id String, host String, rank UInt32, device UInt16, step UInt64, metric String, value Float64)
            ENGINE = MergeTree ORDER BY (run_id, metric, host, rank, device, step, event_time)
            """, cancellationToken: TestContext.Current.CancellationToken);
        await database.InsertTabSeparatedAsync($"{Now.ToUnixTimeSeconds()}\told-schema\t\t0\t65535\t1\tloss\t1\n");

        using var errors = new SourceErrorKinds();
        await using var runner = await SourceRunner.StartAsync(database.ConnectionString, beforeStart: errors.Watch);
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("old-schema").Count == 1, "the row");
        await runner.Sink.WaitUntilAsync(sink => sink.RunUpserts.Count(run => run.RunId == "old-schema") >= 3, "run metadata read again");

        Assert.Null(runner.Sink.LatestRun("old-schema")!.Config);
        Assert.Null(runner.Sink.LatestRun("old-schema")!.Units);
        Assert.Equal(0, runner.Status.Current.ConsecutiveFailures);
        Assert.Empty(errors.Kinds);
    }

    [Fact]
    public async Task Config_CountsMalformedAndOversizedTags_AndCapsKeys_WhileTheSourceGoesOn()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        using var errors = new SourceErrorKinds();
        var start = Now.AddMinutes(-1);
        await database.InsertAsync(
            new TestMetricPoint("bad", "loss", 0, 1, start, TagsJson: """{"a":1,"b":2,"c":3,"d":4}"""),
            new TestMetricPoint("bad", "loss", 1, 1, start.AddSeconds(1), TagsJson: "lr=0.1"),
            new TestMetricPoint("bad", "loss", 2, 1, start.AddSeconds(2), TagsJson: "[1,2,3]"),
            new TestMetricPoint("bad", "loss", 3, 1, start.AddSeconds(3), TagsJson: "{\"note\":\"" + new string('x', 500) + "\"}"));
        var options = SourceRunner.FastOptions();
        options.MaxConfigKeys = 3;
        options.MaxTagsJsonLength = 200;

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString, options, beforeStart: errors.Watch);
        await runner.Sink.WaitUntilAsync(sink => sink.LatestRun("bad")?.Config is not null, "the run's config");
        await database.InsertAsync(new TestMetricPoint("bad", "loss", 4, 0.5, Now));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("bad").Count == 5, "the rows after the bad tags");
        await runner.Sink.WaitUntilAsync(_ => errors.Kinds.Count(kind => kind == "malformed_tags") >= 2, "the malformed tags counted");

        Assert.Equal(["a", "b", "c"], runner.Sink.LatestRun("bad")!.Config!.Keys.Order());
        Assert.Contains("config_keys_capped", errors.Kinds);
        Assert.Contains("oversized_tags", errors.Kinds);
        // Each bad tags_json is counted once, however often the run metadata is read again.
        await runner.Sink.WaitUntilAsync(sink => sink.RunUpserts.Count(run => run.RunId == "bad") >= 4, "more run metadata reads");
        Assert.Equal(2, errors.Kinds.Count(kind => kind == "malformed_tags"));
    }
}
