using Ingestor.Sources.LogDirectory;
using TestSupport;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class LogDirectorySourceTensorBoardTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Source_DeliversARunDirectoryThatAppearsWhileItRuns_WithItsHParamsAsConfig(bool watchFileSystem)
    {
        using var temp = new TempDirectory("logdir-tensorboard");
        var root = Directory.CreateDirectory(temp.Combine("tb")).FullName;
        TensorBoardLogdir.Write(root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("train_loss", 0.5f));
        var sink = new RecordingSink();
        await using var source = RunningLogDirectorySource.Start(new LogDirectorySourceOptions
        {
            Directories = [root],
            RescanInterval = TimeSpan.FromMilliseconds(200),
            WatchFileSystem = watchFileSystem,
        }, sink);
        await Eventually.HoldsAsync(() => sink.Runs.ContainsKey("tb@lightning_logs/version_0"), "the first version's run");

        TensorBoardLogdir.Write(root, "lightning_logs/version_1", writer =>
        {
            writer.WriteHParams([new("lr", 0.01), new("batch_size", 32.0)], TensorBoardLogdir.Created);
            writer.WriteScalar("train_loss", 0, 0.25f, TensorBoardLogdir.Created);
        });

        const string runId = "tb@lightning_logs/version_1";
        await Eventually.HoldsAsync(() => sink.Runs.TryGetValue(runId, out var run) && run.Config is not null, "the new version's run with its config",
            state: () => string.Join(", ", sink.Runs.Keys));
        Assert.Equal([0.25], sink.Samples(runId, "train_loss").Select(s => s.Value));
        var config = sink.Runs[runId].Config!;
        Assert.Equal(0.01, config["lr"].GetDouble());
        Assert.Equal(32, config["batch_size"].GetInt32());
        Assert.Null(sink.Runs["tb@lightning_logs/version_0"].Config);
    }
}
