using Ingestor.Sources.ClickHouse.RunSettings;

namespace Ingestor.Tests.Sources.ClickHouse.RunSettings;

public sealed class RunConfigTests
{
    private static readonly ConfigLimits Limits = new(MaxKeys: 4, MaxValueLength: 20);

    [Fact]
    public void Apply_KeepsTheNewestValuePerKey_WhateverOrderTheTagsAreRead()
    {
        var config = new RunConfig();

        Assert.Equal(TagSetProblem.None, config.Apply(new TagSet("r", """{"lr":0.2,"optimizer":"adamw"}""", 20), Limits));
        Assert.Equal(TagSetProblem.None, config.Apply(new TagSet("r", """{"lr":0.1,"seed":7,"bf16":true}""", 10), Limits));
        Assert.Equal(TagSetProblem.None, config.Apply(new TagSet("r", """{"optimizer":"sgd","milestone":"warmup"}""", 30), Limits));

        var current = config.Current!;
        Assert.Equal(0.2, current["lr"].GetDouble());
        Assert.Equal("sgd", current["optimizer"].GetString());
        Assert.Equal(7, current["seed"].GetInt32());
        Assert.True(current["bf16"].GetBoolean());
        Assert.False(current.ContainsKey("milestone"));
    }

    [Fact]
    public void Apply_KeepsTheSameInstance_WhileNoValueChanges()
    {
        var config = new RunConfig();
        config.Apply(new TagSet("r", """{"lr":0.1,"layers":[1,2]}""", 10), Limits);
        var before = config.Current;

        config.Apply(new TagSet("r", """{ "lr" : 0.1, "layers": [1, 2] }""", 20), Limits);
        Assert.Same(before, config.Current);

        config.Apply(new TagSet("r", """{"lr":0.3}""", 30), Limits);
        Assert.NotSame(before, config.Current);
        Assert.Equal("[1,2]", config.Current!["layers"].GetRawText());
    }

    [Fact]
    public void Apply_ReportsMalformedTags_OnceEach_AndKeepsWhatWasMerged()
    {
        var config = new RunConfig();
        config.Apply(new TagSet("r", """{"lr":0.1}""", 10), Limits);

        Assert.Equal(TagSetProblem.Malformed, config.Apply(new TagSet("r", "not json", 20), Limits));
        Assert.Equal(TagSetProblem.Malformed, config.Apply(new TagSet("r", "[1,2]", 20), Limits));
        Assert.Equal(TagSetProblem.Malformed, config.Apply(new TagSet("r", """{"lr":""", 20), Limits));
        Assert.Equal(TagSetProblem.None, config.Apply(new TagSet("r", "not json", 40), Limits));

        Assert.Equal(0.1, config.Current!["lr"].GetDouble());
    }

    [Fact]
    public void Apply_DropsKeysBeyondTheLimit_AndValuesTooLong()
    {
        var config = new RunConfig();

        Assert.Equal(TagSetProblem.KeysCapped, config.Apply(new TagSet("r", """{"a":1,"b":2,"c":3,"d":4,"e":5}""", 10), Limits));
        Assert.Equal(TagSetProblem.Oversized, config.Apply(new TagSet("r", """{"a":"a string longer than twenty","b":20}""", 20), Limits));
        Assert.Equal(TagSetProblem.Oversized, config.Apply(new TagSet("r", null, 30), Limits));

        var current = config.Current!;
        Assert.Equal(["a", "b", "c", "d"], current.Keys.Order());
        Assert.Equal(1, current["a"].GetInt32());
        Assert.Equal(20, current["b"].GetInt32());
    }

    [Fact]
    public void Units_KeepTheNewestUnitPerMetric_AndTheInstanceWhileUnchanged()
    {
        var units = new RunUnits();
        units.Apply(new UnitSighting("r", "throughput", "tokens/s", 20));
        units.Apply(new UnitSighting("r", "throughput", "samples/s", 10));
        units.Apply(new UnitSighting("r", "memory", "GB", 10));
        var before = units.Current;
        units.Apply(new UnitSighting("r", "memory", "GB", 30));

        Assert.Same(before, units.Current);
        Assert.Equal(new Dictionary<string, string> { ["throughput"] = "tokens/s", ["memory"] = "GB" }, units.Current!.ToDictionary());
    }
}
