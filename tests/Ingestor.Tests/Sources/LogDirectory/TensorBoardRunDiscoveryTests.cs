using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>Run directories found as TensorBoard finds them: every directory that directly holds event files is a run.</summary>
public sealed class TensorBoardRunDiscoveryTests
{
    [Fact]
    public void Scanner_FindsLightningVersions_AsRunsNamedByTheirPath()
    {
        using var harness = new ScannerHarness("tb");
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("train_loss", 0.9f, 0.7f, 0.5f));
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_1", TensorBoardLogdir.Scalars("train_loss", 0.8f, 0.4f));
        // Lightning's checkpoints beside the events are no run.
        Directory.CreateDirectory(Path.Combine(harness.Root, "lightning_logs/version_0/checkpoints"));
        File.WriteAllText(Path.Combine(harness.Root, "lightning_logs/version_0/checkpoints/epoch=0-step=3.ckpt"), "weights");

        harness.Scan();

        Assert.Equal(["tb@lightning_logs/version_0", "tb@lightning_logs/version_1"], harness.RunIds());
        Assert.Equal([(0L, 0.9f), (1L, 0.7f), (2L, 0.5f)], harness.Points("tb@lightning_logs/version_0", "train_loss").Select(p => (p.Step, (float)p.Value)));
        Assert.Equal([(0L, 0.8f), (1L, 0.4f)], harness.Points("tb@lightning_logs/version_1", "train_loss").Select(p => (p.Step, (float)p.Value)));
        Assert.Null(harness.Scanner.Current.DirectoryRunId);
    }

    [Fact]
    public void Scanner_FindsKerasTrainAndValidationRuns_WithTheirTensorScalars()
    {
        using var harness = new ScannerHarness("logs");
        TensorBoardLogdir.Write(harness.Root, "fit/20240101-120000/train", writer =>
        {
            writer.WriteTensorScalar("epoch_loss", 0, 0.75f, TensorBoardLogdir.Created);
            writer.WriteTensorScalar("epoch_loss", 1, 0.5f, TensorBoardLogdir.Created + 1, withMetadata: false);
        });
        TensorBoardLogdir.Write(harness.Root, "fit/20240101-120000/validation", writer =>
        {
            writer.WriteTensorScalar("epoch_loss", 0, 0.875f, TensorBoardLogdir.Created);
            writer.WriteTensorScalar("epoch_loss", 1, 0.625f, TensorBoardLogdir.Created + 1, withMetadata: false);
        });

        harness.Scan();

        Assert.Equal(["logs@fit/20240101-120000/train", "logs@fit/20240101-120000/validation"], harness.RunIds());
        Assert.Equal([0.75, 0.5], harness.Points("logs@fit/20240101-120000/train", "epoch_loss").Select(p => p.Value));
        Assert.Equal([0.875, 0.625], harness.Points("logs@fit/20240101-120000/validation", "epoch_loss").Select(p => p.Value));
    }

    [Fact]
    public void Scanner_NamesAddScalarsDirectories_AsTheirRunAndThePathBelow()
    {
        using var harness = new ScannerHarness();
        harness.CopyIconFixture();
        harness.CopyExperimentFixture("experiment_2022-01-01 06:00:00");
        // SummaryWriter.add_scalars("Loss", {"train": ..., "val": ...}) writes one run directory per key.
        TensorBoardLogdir.Write(harness.Root, "runs/experiment_2022-01-01 06:00:00/Loss_train", TensorBoardLogdir.Scalars("Loss", 0.5f, 0.25f));
        TensorBoardLogdir.Write(harness.Root, "runs/experiment_2022-01-01 06:00:00/Loss_val", TensorBoardLogdir.Scalars("Loss", 0.75f));
        // SummaryWriter's default directory under runs/ keeps today's name; its add_scalars runs hang below it.
        TensorBoardLogdir.Write(harness.Root, "runs/Dec05_12-00-00_host", TensorBoardLogdir.Scalars("acc", 0.125f));
        TensorBoardLogdir.Write(harness.Root, "runs/Dec05_12-00-00_host/acc_top5", TensorBoardLogdir.Scalars("acc", 0.5f));

        harness.Scan();

        Assert.Equal(
        [
            IconFixture.RunId, IconFixture.RunId + "/Loss_train", IconFixture.RunId + "/Loss_val",
            "icon-output@Dec05_12-00-00_host", "icon-output@Dec05_12-00-00_host/acc_top5",
        ], harness.RunIds());
        Assert.Equal([0.5, 0.25], harness.Points(IconFixture.RunId + "/Loss_train", "Loss").Select(p => p.Value));
        Assert.Equal([0.75], harness.Points(IconFixture.RunId + "/Loss_val", "Loss").Select(p => p.Value));
        Assert.Equal([0.5], harness.Points("icon-output@Dec05_12-00-00_host/acc_top5", "acc").Select(p => p.Value));
        // The plugin's own experiment still feeds the directory's run, which still takes its losses from the logs.
        Assert.NotEmpty(harness.Points(IconFixture.RunId, "Learning_rate"));
        Assert.Equal(IconFixture.RunId, harness.Scanner.Current.DirectoryRunId);
    }

    [Fact]
    public void Scanner_ReadsTheDirectorysOwnEventFiles_AsTheDirectorysRun()
    {
        using var harness = new ScannerHarness("version_0");
        TensorBoardLogdir.Write(harness.Root, "", TensorBoardLogdir.Scalars("train_loss", 0.5f, 0.25f));

        harness.Scan();

        // Named as a directory's run is, by its start: here when the first event file was made.
        const string runId = "version_0@2026-11-23T02:29:58";
        Assert.Equal([runId], harness.RunIds());
        Assert.Equal(runId, harness.Scanner.Current.DirectoryRunId);
        Assert.Equal([0.5, 0.25], harness.Points(runId, "train_loss").Select(p => p.Value));
    }

    [Fact]
    public void Scanner_MergesTheEventFilesOfOneRun_InNameOrder_SoARestartedRunsLaterFileWinsEachStep()
    {
        using var harness = new ScannerHarness("tb");
        // The first attempt reached step 3; the restart from the checkpoint at step 1 writes a new file (a later name).
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("loss", 1f, 0.5f, 0.25f, 0.125f));
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", writer =>
        {
            writer.WriteScalar("loss", 1, 0.375f, TensorBoardLogdir.Created + 100);
            writer.WriteScalar("loss", 2, 0.1875f, TensorBoardLogdir.Created + 101);
        }, created: TensorBoardLogdir.Created + 99);

        harness.Scan();

        Assert.Equal([(0L, 1.0), (1L, 0.375), (2L, 0.1875), (3L, 0.125)],
            harness.Points("tb@lightning_logs/version_0", "loss").Select(p => (p.Step, p.Value)));
    }

    [Fact]
    public void Scanner_NamesTheRunsOfARewrittenLogdirApart_AndTheOldRunsKeepTheirPoints()
    {
        using var harness = new ScannerHarness("tb");
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("loss", 0.5f, 0.25f, 0.125f));
        harness.Scan();

        // The logdir deleted and the training run again: TensorBoard would show the new run only.
        Directory.Delete(harness.Root, recursive: true);
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("loss", 0.75f));
        harness.Scan();

        Assert.Equal(["tb@lightning_logs/version_0", "tb@lightning_logs/version_0~2"], harness.RunIds());
        Assert.Equal([0.5, 0.25, 0.125], harness.Points("tb@lightning_logs/version_0", "loss").Select(p => p.Value));
        Assert.Equal([0.75], harness.Points("tb@lightning_logs/version_0~2", "loss").Select(p => p.Value));
    }

    [Fact]
    public void Scanner_CountsRunDirectoriesBeyondMaxRunDepth_AndReadsNoneOfThem()
    {
        using var harness = new ScannerHarness("tb", maxRunDepth: 2);
        TensorBoardLogdir.Write(harness.Root, "a/b", TensorBoardLogdir.Scalars("loss", 0.5f));
        TensorBoardLogdir.Write(harness.Root, "a/b/c", TensorBoardLogdir.Scalars("loss", 0.25f));
        TensorBoardLogdir.Write(harness.Root, "a/b/c/d", TensorBoardLogdir.Scalars("loss", 0.125f));

        harness.Scan();
        harness.Scan();

        Assert.Equal(["tb@a/b"], harness.RunIds());
        // One level past the bound is looked at and counted (once, however often it is listed); below that nothing is.
        Assert.Equal(1, harness.Skipped[SkipReasons.BeyondMaxRunDepth]);
    }

    [Fact]
    public void Scanner_FindsANewRunDirectory_WhenOnlyItsParentChanged_ReusingWhatTheOthersHeld()
    {
        using var harness = new ScannerHarness("tb");
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("loss", 0.5f));
        TensorBoardLogdir.Write(harness.Root, "fit/20240101-120000/train", TensorBoardLogdir.Scalars("loss", 0.25f));
        // Old directory times: a listing may take their contents from the last one instead of reading them again.
        var longAgo = DateTime.UtcNow.AddHours(-1);
        foreach (var directory in Directory.GetDirectories(harness.Root, "*", SearchOption.AllDirectories).Append(harness.Root))
        {
            Directory.SetLastWriteTimeUtc(directory, longAgo);
        }
        harness.Scanner.WatchedByEvents = true;
        harness.Scan();

        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_1", TensorBoardLogdir.Scalars("loss", 0.125f));
        File.AppendAllBytes(Path.Combine(harness.Root, "fit/20240101-120000/train", $"events.out.tfevents.{TensorBoardLogdir.Created}.host.1.0"), AppendedScalar());
        harness.Scan();

        Assert.Equal(["tb@fit/20240101-120000/train", "tb@lightning_logs/version_0", "tb@lightning_logs/version_1"], harness.RunIds());
        Assert.Equal([0.125], harness.Points("tb@lightning_logs/version_1", "loss").Select(p => p.Value));
        Assert.Equal([0.25, 0.75], harness.Points("tb@fit/20240101-120000/train", "loss").Select(p => p.Value));
        Assert.Equal(3, harness.Scanner.Current.Events.Count);
    }

    [Fact]
    public async Task Scanner_FollowsADirectoryLinkInside_ButNotOneBackUpTheTree_NorOneLeadingOutside()
    {
        using var harness = new ScannerHarness("tb");
        TensorBoardLogdir.Write(harness.Root, "lightning_logs/version_0", TensorBoardLogdir.Scalars("loss", 0.5f));
        Directory.CreateSymbolicLink(Path.Combine(harness.Root, "latest"), Path.Combine(harness.Root, "lightning_logs/version_0"));
        Directory.CreateSymbolicLink(Path.Combine(harness.Root, "lightning_logs/version_0/loop"), harness.Root);
        var outside = harness.Outside("elsewhere");
        TensorBoardLogdir.Write(outside, "run", TensorBoardLogdir.Scalars("loss", 0.25f));
        Directory.CreateSymbolicLink(Path.Combine(harness.Root, "elsewhere"), Path.Combine(outside, "run"));

        await Task.Run(() => harness.Scan()).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["tb@latest", "tb@lightning_logs/version_0"], harness.RunIds());
        Assert.Equal(1, harness.Skipped[SkipReasons.LinkOutsideDirectory]);
    }

    [Fact]
    public void Scanner_ReadsNoEventFile_WhenTheDirectoryIgnoresThem_ButStillItsLossLogs()
    {
        using var harness = new ScannerHarness(readEventFiles: false);
        harness.CopyIconFixture();
        harness.CopyExperimentFixture("experiment_2022-01-01 06:00:00");
        harness.CopyExperimentFixture("tf2_style");
        TensorBoardLogdir.Write(harness.Root, "", TensorBoardLogdir.Scalars("root_tag", 0.5f));

        var samples = harness.Scan();

        Assert.Equal([IconFixture.RunId], harness.RunIds());
        Assert.NotEmpty(harness.Points(IconFixture.RunId, LogDirectoryMetricNames.BatchLoss));
        Assert.DoesNotContain(samples, s => s.Key.Metric is "Learning_rate" or "root_tag" or "train/loss");
        Assert.Empty(harness.Scanner.Current.Events);
    }

    private static byte[] AppendedScalar()
    {
        using var stream = new MemoryStream();
        new TensorBoard.TensorBoardEventWriter(stream).WriteScalar("loss", 1, 0.75f, TensorBoardLogdir.Created + 1);
        return stream.ToArray();
    }
}
