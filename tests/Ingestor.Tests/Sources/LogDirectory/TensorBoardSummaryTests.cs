using System.Text.Json;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>What a TensorBoard run carries besides series: its hparams as config, and the summaries that are only listed.</summary>
public sealed class TensorBoardSummaryTests
{
    private const string RunId = "tb@lightning_logs/version_0";

    [Fact]
    public void Scanner_MakesTheHParamsSessionStartTheRunsConfig_AndKeepsTheSameInstanceWhileUnchanged()
    {
        using var harness = new ScannerHarness("tb");
        var path = TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", writer =>
        {
            writer.WriteHParams([new("lr", 0.001), new("optimizer", "adam"), new("amsgrad", true), new("layers", 4.0)], TensorBoardLogdir.Created);
            writer.WriteScalar("hp_metric", 0, -1f, TensorBoardLogdir.Created);
        });
        harness.Scan();

        var config = harness.Run(RunId).ToMeta(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).Config;

        Assert.NotNull(config);
        Assert.Equal(["amsgrad", "layers", "lr", "optimizer"], config.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.001, config["lr"].GetDouble());
        Assert.Equal("adam", config["optimizer"].GetString());
        Assert.Equal(JsonValueKind.True, config["amsgrad"].ValueKind);
        Assert.Equal(4, config["layers"].GetInt32());
        // The hparams plugin's summaries are the config, not tags of any kind.
        Assert.Equal(["hp_metric"], harness.Run(RunId).Series.Keys);
        Assert.Null(harness.Run(RunId).BuildStatus().OtherTags);

        using (var file = File.Open(path, FileMode.Append))
        {
            var writer = new TensorBoard.TensorBoardEventWriter(file);
            writer.WriteScalar("hp_metric", 1, 0.5f, TensorBoardLogdir.Created + 1);
        }
        harness.Scan();

        Assert.Same(config, harness.Run(RunId).ToMeta(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).Config);
    }

    [Fact]
    public void Scanner_CountsTextImageAndAudioSummaries_PerRunAndTag_WithoutMakingSeriesOfThem()
    {
        using var harness = new ScannerHarness("tb");
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", writer =>
        {
            writer.WriteText("notes", 0, "first epoch", TensorBoardLogdir.Created);
            writer.WriteText("notes", 1, "second epoch", TensorBoardLogdir.Created + 1);
            writer.WriteImage("samples/input", 0, [0x89, 0x50, 0x4e, 0x47], height: 2, width: 2, TensorBoardLogdir.Created);
            writer.WriteAudio("samples/voice", 0, [0x52, 0x49, 0x46, 0x46], 16_000, TensorBoardLogdir.Created);
            writer.WriteScalar("loss", 0, 0.5f, TensorBoardLogdir.Created);
        });

        harness.Scan();

        var other = harness.Run(RunId).BuildStatus().OtherTags;
        Assert.NotNull(other);
        Assert.Equal(["audio", "image", "text"], other.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, other["text"]["notes/text_summary"]);
        Assert.Equal(1, other["image"]["samples/input"]);
        Assert.Equal(1, other["audio"]["samples/voice"]);
        Assert.Equal(["loss"], harness.Run(RunId).Series.Keys);
    }
}
