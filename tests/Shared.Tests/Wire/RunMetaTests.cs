using System.Text.Json;
using Contracts.Wire;

namespace Shared.Tests.Wire;

public sealed class RunMetaTests
{
    private static readonly RunMeta Plain = new()
    {
        RunId = "run-a", Source = "clickhouse", StartTime = DateTimeOffset.UnixEpoch, LastEventTime = DateTimeOffset.UnixEpoch,
        LatestStep = 10, IsActive = true, SeriesCount = 2,
    };

    private static Dictionary<string, JsonElement> Config(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    [Fact]
    public void Metas_AreEqual_WhenTheirConfigAndUnitsHoldTheSameContent()
    {
        var a = Plain with { Config = Config("""{"lr":0.001,"optimizer":"adam"}"""), Units = new Dictionary<string, string> { ["loss"] = "nats" } };
        var b = Plain with { Config = Config("""{"optimizer":"adam","lr":0.001}"""), Units = new Dictionary<string, string> { ["loss"] = "nats" } };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Config = Config("""{"optimizer":"adam","lr":0.002}""") });
        Assert.NotEqual(a, b with { Units = new Dictionary<string, string> { ["loss"] = "bits" } });
        Assert.NotEqual(a, b with { Config = null });
        Assert.Equal(Plain with { Config = Config("{}") }, Plain);
    }

    [Fact]
    public void Meta_WritesItsConfigAsAnObject_AndLeavesItOutWhenThereIsNone()
    {
        var json = JsonSerializer.Serialize(Plain with { Config = Config("""{"seed":3,"tag":"x","warm":true}""") }, WireJsonContext.Default.RunMeta);
        var read = JsonSerializer.Deserialize(json, WireJsonContext.Default.RunMeta)!;

        Assert.Contains("\"config\":{\"seed\":3,\"tag\":\"x\",\"warm\":true}", json, StringComparison.Ordinal);
        Assert.Equal(3, read.Config!["seed"].GetInt32());
        Assert.DoesNotContain("config", JsonSerializer.Serialize(Plain, WireJsonContext.Default.RunMeta), StringComparison.Ordinal);
    }
}
