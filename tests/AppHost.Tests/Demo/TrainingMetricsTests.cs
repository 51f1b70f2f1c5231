using System.Text.Json;
using DemoGenerator;
using DemoGenerator.ClickHouse;

namespace AppHost.Tests.Demo;

public sealed class TrainingMetricsTests
{
    private static readonly TrainingRunProfile Run = new("run", 5, "7B", Hosts: 2, GpusPerHost: 4, TokensPerStepPerGpu: 1000,
        MixtureOfExperts: true, SparseAttention: true, new LossCurve(5, 10, 2, 500, 0.02));

    [Fact]
    public void AppendStep_ReportsEveryTabsMetrics_WithGpuSeriesPerHostAndDevice()
    {
        List<MetricPoint> rows = [];

        TrainingMetrics.AppendStep(Run, TrainingMetrics.CheckpointEvery * 4, DateTime.UtcNow, rows);

        foreach (var metric in (string[])["loss_t1", "throughput.tokens_per_sec", "tokens.total", "moe.aux_loss", "gsa.sparsity",
            "recurrence.mean_depth", "null_ratio", "checkpoint_save", "progress.percent", "progress.milestone"])
        {
            Assert.Contains(rows, r => r.Metric == metric);
        }
        var gpuUtilization = rows.Where(r => r.Metric.EndsWith(".util_percent", StringComparison.Ordinal) && r.Metric.StartsWith("sys.gpu.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, gpuUtilization.Length);
        Assert.Equal(8, gpuUtilization.Select(r => (r.Host, r.Device)).Distinct().Count());
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Value), r.Metric));
    }

    [Fact]
    public void AppendStep_IsDeterministic_PerRunAndStep()
    {
        List<MetricPoint> first = [];
        List<MetricPoint> second = [];
        var time = DateTime.UtcNow;

        TrainingMetrics.AppendStep(Run, 42, time, first);
        TrainingMetrics.AppendStep(Run, 42, time, second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void AppendStep_WritesTheConfigOnTheFirstLossRow_AndPhaseChangesLater_WithUnits()
    {
        List<MetricPoint> first = [];
        List<MetricPoint> decay = [];
        List<MetricPoint> ordinary = [];

        TrainingMetrics.AppendStep(Run, 0, DateTime.UtcNow, first);
        TrainingMetrics.AppendStep(Run, 2500, DateTime.UtcNow, decay);
        TrainingMetrics.AppendStep(Run, 42, DateTime.UtcNow, ordinary);

        using var config = JsonDocument.Parse(first.Single(r => r.Metric == "loss_t1").TagsJson);
        Assert.Equal("7B", config.RootElement.GetProperty("model_size").GetString());
        Assert.Equal(5, config.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal("adamw", config.RootElement.GetProperty("optimizer").GetString());
        Assert.Equal(3e-4, config.RootElement.GetProperty("learning_rate").GetDouble());
        Assert.Equal(8, config.RootElement.GetProperty("gpus").GetInt32());
        Assert.Equal("""{"phase":"decay"}""", decay.Single(r => r.Metric == "loss_t1").TagsJson);
        Assert.Equal("", ordinary.Single(r => r.Metric == "loss_t1").TagsJson);
        Assert.Equal("tokens/s", first.Single(r => r.Metric == "throughput.tokens_per_sec").Unit);
        Assert.Contains(first, r => r.Metric.StartsWith("sys.gpu.", StringComparison.Ordinal) && r.Unit == "GB");
    }
}
