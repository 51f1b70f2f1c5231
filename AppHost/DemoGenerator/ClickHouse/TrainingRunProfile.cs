namespace DemoGenerator.ClickHouse;

/// <summary>The shape of one demo training run in ClickHouse: its size, its model features and its loss curve.</summary>
public sealed record TrainingRunProfile(
    string RunId,
    int Seed,
    string ModelSize,
    int Hosts,
    int GpusPerHost,
    double TokensPerStepPerGpu,
    bool MixtureOfExperts,
    bool SparseAttention,
    LossCurve Loss);
