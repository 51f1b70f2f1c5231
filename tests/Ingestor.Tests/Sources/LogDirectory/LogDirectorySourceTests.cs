using System.Diagnostics.Metrics;
using Contracts.Series;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TestSupport;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class LogDirectorySourceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Source_DeliversANewTimestepAndItsRun_ToTheSink_EvenIfTheDirectoryAppearsLater(bool watchFileSystem)
    {
        using var temp = new TempDirectory("logdir-source");
        var root = temp.Combine("icon-output");
        var sink = new RecordingSink(failFirstWrites: 1);
        await using var source = StartSource(root, sink, watchFileSystem);

        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:00:00.txt"), "0.5\n0.25\n");
        File.WriteAllText(Path.Combine(root, "summary_2022-01-01 06:00:00.txt"), "Global Step: 2\nNumber of Batches: 2\n");

        const string runId = "icon-output@2022-01-01T06:00:00";
        await Until(() => sink.Samples(runId, LogDirectoryMetricNames.MeanPerTimestep).Any() && sink.Runs.ContainsKey(runId));
        Assert.Equal([0.5, 0.25], sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Select(s => s.Value));
        Assert.Equal(0.375, sink.Samples(runId, LogDirectoryMetricNames.MeanPerTimestep).Single().Value);
        var run = sink.Runs[runId];
        Assert.Equal(RunSource.LogDirectory, run.Source);
        Assert.True(run.IsActive);
        Assert.Equal(2, run.LatestStep);

        File.WriteAllText(Path.Combine(root, "log_2022-01-01 06:30:00.txt"), "0.125\n");
        await Until(() => sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Count() == 3);
        Assert.Equal(2, sink.Samples(runId, LogDirectoryMetricNames.BatchLoss).Last().Step);
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static RunningSource StartSource(string root, RecordingSink sink, bool watchFileSystem)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var options = Options.Create(new LogDirectorySourceOptions
        {
            Directories = [root],
            RescanInterval = TimeSpan.FromMilliseconds(200),
            WatchFileSystem = watchFileSystem,
        });
        var source = new LogDirectorySource(options, sink, new LogDirectoryStore(), new LogDirectoryHealthState(),
            new IngestorMetrics(services.GetRequiredService<IMeterFactory>()), TimeProvider.System, NullLogger<LogDirectorySource>.Instance);
        source.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new RunningSource(source, services);
    }

    private sealed class RunningSource(LogDirectorySource source, ServiceProvider services) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await source.StopAsync(CancellationToken.None);
            source.Dispose();
            await services.DisposeAsync();
        }
    }
}
