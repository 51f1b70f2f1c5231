using System.Globalization;

namespace DemoGenerator.ClickHouse;

/// <summary>
/// The metrics a large training job reports at one step, with the names the dashboard's tabs group by: training
/// (<c>loss_t1</c>, throughput, tokens), model (<c>moe.*</c>, <c>gsa.*</c>, <c>recurrence.*</c>, <c>null_ratio</c>),
/// system (<c>sys.gpu.N.util_percent</c> and friends per host), checkpoints (<c>checkpoint_save</c>) and progress
/// (<c>progress.*</c> milestones). Deterministic per (run, step).
/// </summary>
public static class TrainingMetrics
{
    public const int CheckpointEvery = 250;

    private static readonly (long Step, string Name)[] Milestones =
        [(100, "warmup_complete"), (1000, "first_eval"), (2500, "lr_decay_start"), (5000, "half_epoch"), (10000, "epoch_1")];

    public static void AppendStep(TrainingRunProfile run, long step, DateTime time, List<MetricPoint> rows)
    {
        var random = new Random(HashCode.Combine(run.Seed, step, 7));
        var loss = run.Loss.At(step);
        var gpus = run.Hosts * run.GpusPerHost;
        var tokensPerSecond = run.TokensPerStepPerGpu * gpus * (0.93 + (0.05 * random.NextDouble()));
        void Add(string metric, double value, string unit, string host = "", uint rank = 0, ushort device = MetricPoint.NoDevice, string tags = "") =>
            rows.Add(new MetricPoint(time, run.RunId, host, rank, device, step, metric, value, unit, tags));

        Add("loss_t1", loss, "", tags: TrainingConfig.TagsAt(run, step));
        Add("loss_t2", loss * (1.08 + (0.02 * LossCurve.Gaussian(random))), "");
        Add("grad_norm", 0.6 + (2.5 * Math.Exp(-step / 800.0)) + (0.1 * Math.Abs(LossCurve.Gaussian(random))), "");
        Add("learning_rate", LearningRate(step), "");
        Add("throughput.tokens_per_sec", tokensPerSecond, "tokens/s");
        Add("tokens.total", run.TokensPerStepPerGpu * gpus * (step + 1), "tokens");
        Add("null_ratio", Math.Clamp(0.02 + (0.01 * LossCurve.Gaussian(random)), 0, 1), "ratio");
        Add("recurrence.mean_depth", 3.2 + (0.8 * (1 - Math.Exp(-step / 1500.0))) + (0.05 * LossCurve.Gaussian(random)), "steps");
        if (run.MixtureOfExperts)
        {
            Add("moe.aux_loss", 0.01 + (0.04 * Math.Exp(-step / 600.0)) + (0.002 * Math.Abs(LossCurve.Gaussian(random))), "");
            Add("moe.router_entropy", 2.08 - (0.3 * Math.Exp(-step / 900.0)) + (0.01 * LossCurve.Gaussian(random)), "nats");
            Add("moe.expert_load_max", 1.1 + (0.9 * Math.Exp(-step / 700.0)) + (0.05 * Math.Abs(LossCurve.Gaussian(random))), "ratio");
            Add("moe.dropped_tokens_ratio", Math.Max(0, 0.002 + (0.03 * Math.Exp(-step / 500.0)) + (0.001 * LossCurve.Gaussian(random))), "ratio");
        }
        if (run.SparseAttention)
        {
            Add("gsa.sparsity", 0.85 + (0.05 * (1 - Math.Exp(-step / 1200.0))) + (0.005 * LossCurve.Gaussian(random)), "ratio");
            Add("gsa.selected_blocks", 32 + (4 * LossCurve.Gaussian(random)), "blocks");
        }

        for (var host = 0; host < run.Hosts; host++)
        {
            var hostName = $"node-{host}";
            for (var gpu = 0; gpu < run.GpusPerHost; gpu++)
            {
                var rank = (uint)((host * run.GpusPerHost) + gpu);
                Add($"sys.gpu.{gpu}.util_percent", Math.Clamp(94 + (4 * LossCurve.Gaussian(random)) - (step % CheckpointEvery == 0 ? 60 : 0), 0, 100),
                    "%", hostName, rank, (ushort)gpu);
                Add($"sys.gpu.{gpu}.memory_used_gb", 61.5 + (1.5 * random.NextDouble()), "GB", hostName, rank, (ushort)gpu);
            }
            Add("sys.cpu.util_percent", Math.Clamp(35 + (8 * LossCurve.Gaussian(random)), 0, 100), "%", hostName);
            Add("sys.net.rx_gbps", 180 + (20 * LossCurve.Gaussian(random)), "Gbit/s", hostName);
            Add("sys.idle_time_ms", Math.Max(0, 40 + (15 * LossCurve.Gaussian(random))), "ms", hostName);
        }

        if (step > 0 && step % CheckpointEvery == 0)
        {
            Add("checkpoint_save", 18 + (4 * random.NextDouble()), "s", tags: $$"""{"path":"s3://checkpoints/{{run.RunId}}/step_{{step}}"}""");
        }
        Add("progress.percent", Math.Min(100, step * 100.0 / TrainingConfig.TotalSteps), "%");
        foreach (var (milestoneStep, name) in Milestones)
        {
            if (milestoneStep == step)
            {
                Add("progress.milestone", step, "", tags: $$"""{"milestone":"{{name}}"}""");
            }
        }
    }

    /// <summary>Linear warm-up, then cosine decay.</summary>
    public static double LearningRate(long step) => step < TrainingConfig.WarmupSteps
        ? TrainingConfig.PeakLearningRate * (step + 1) / TrainingConfig.WarmupSteps
        : TrainingConfig.MinLearningRate + (0.5 * (TrainingConfig.PeakLearningRate - TrainingConfig.MinLearningRate)
            * (1 + Math.Cos(Math.PI * Math.Min(step - TrainingConfig.WarmupSteps, TrainingConfig.TotalSteps) / TrainingConfig.TotalSteps)));

    public static string Describe(TrainingRunProfile run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.RunId}: {run.Hosts} host(s) x {run.GpusPerHost} GPU(s){(run.MixtureOfExperts ? ", MoE" : "")}{(run.SparseAttention ? ", GSA" : "")}");
}
