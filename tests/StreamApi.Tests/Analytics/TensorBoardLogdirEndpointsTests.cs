using StreamApi.Tests.Support;
using TensorBoard;
using TestSupport.Redis;

namespace StreamApi.Tests.Analytics;

/// <summary>A TensorBoard logdir (PyTorch Lightning's layout) through the real ingestor and StreamApi.</summary>
public sealed class TensorBoardLogdirEndpointsTests
{
    private const string RunId = "tb@lightning_logs/version_0";
    private const long Created = 1_795_400_998;

    [Fact]
    public async Task Endpoints_ListTheRunsOtherSummaries_BesideItsScalarTags()
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, PrepareDirectory, directoryName: "tb");
        var run = Uri.EscapeDataString(RunId);

        var tags = await stack.WaitForAsync($"/api/tensorboard/scalars?run={run}", t => t.TryGetProperty("other_tags", out _));

        Assert.Equal(["train_loss"], tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var other = tags.GetProperty("other_tags");
        Assert.Equal(2, other.GetProperty("text").GetProperty("notes/text_summary").GetInt64());
        Assert.Equal(1, other.GetProperty("image").GetProperty("samples/input").GetInt64());
        // The hparams are the run's config, not tags of any kind.
        Assert.Equal(["image", "text"], other.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var status = await stack.GetJsonAsync($"/api/status?run={run}");
        Assert.Equal(2, status.GetProperty("other_tags").GetProperty("text").GetProperty("notes/text_summary").GetInt64());
    }

    private static void PrepareDirectory(string directory)
    {
        var runDirectory = Path.Combine(directory, "lightning_logs", "version_0");
        Directory.CreateDirectory(runDirectory);
        using var file = File.Create(Path.Combine(runDirectory, $"events.out.tfevents.{Created}.host.1.0"));
        var writer = new TensorBoardEventWriter(file);
        writer.WriteFileVersion(Created);
        writer.WriteHParams([new("lr", 0.001), new("optimizer", "adam")], Created);
        writer.WriteText("notes", 0, "first epoch", Created);
        writer.WriteText("notes", 1, "second epoch", Created + 1);
        writer.WriteImage("samples/input", 0, [0x89, 0x50, 0x4e, 0x47], height: 1, width: 1, Created);
        writer.WriteScalar("train_loss", 0, 0.5f, Created);
        writer.WriteScalar("train_loss", 1, 0.25f, Created + 1);
        writer.Flush();
    }
}
