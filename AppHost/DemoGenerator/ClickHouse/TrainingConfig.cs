using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DemoGenerator.ClickHouse;

/// <summary>
/// The settings a trainer writes into <c>tags_json</c>, as real ones do: the whole config on its first row, and later
/// only what changes (the training phase), so the dashboard's merge (newest value per key) has something to do.
/// </summary>
public static class TrainingConfig
{
    public const int WarmupSteps = 100;
    public const int TotalSteps = 20000;
    public const double PeakLearningRate = 3e-4;
    public const double MinLearningRate = 3e-5;
    public const int SequenceLength = 4096;

    private const long DecayStep = 2500;

    /// <summary>The tags_json of the run's loss row at <paramref name="step"/>: the config, a phase change, or nothing.</summary>
    public static string TagsAt(TrainingRunProfile run, long step) => step switch
    {
        0 => Full(run),
        WarmupSteps => """{"phase":"pretrain"}""",
        DecayStep => """{"phase":"decay"}""",
        _ => "",
    };

    private static string Full(TrainingRunProfile run)
    {
        var gpus = run.Hosts * run.GpusPerHost;
        var microBatch = (int)(run.TokensPerStepPerGpu / SequenceLength);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model_size", run.ModelSize);
            json.WriteString("architecture", run.MixtureOfExperts ? "moe-transformer" : "transformer");
            json.WriteString("optimizer", "adamw");
            json.WriteNumber("learning_rate", PeakLearningRate);
            json.WriteNumber("min_learning_rate", MinLearningRate);
            json.WriteString("lr_schedule", "warmup_cosine");
            json.WriteNumber("warmup_steps", WarmupSteps);
            json.WriteNumber("total_steps", TotalSteps);
            json.WriteNumber("global_batch_size", microBatch * gpus);
            json.WriteNumber("micro_batch_size", microBatch);
            json.WriteNumber("sequence_length", SequenceLength);
            json.WriteNumber("seed", run.Seed);
            json.WriteString("precision", "bf16");
            json.WriteNumber("hosts", run.Hosts);
            json.WriteNumber("gpus", gpus);
            json.WriteBoolean("sparse_attention", run.SparseAttention);
            json.WriteString("phase", "warmup");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
