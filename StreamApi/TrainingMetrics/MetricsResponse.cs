using Contracts.Wire;

namespace StreamApi.TrainingMetrics;

/// <summary>
/// Full-resolution history of one metric within a range, decimated to the asked number of points per series.
/// <see cref="Aggregated"/> says the range held more rows than are read one by one, so the source aggregated them
/// per bucket first (envelope and non-finite counts stay exact).
/// </summary>
public sealed record MetricsResponse(
    string RunId,
    string Metric,
    long? FromStep,
    long? ToStep,
    long RawPoints,
    bool Aggregated,
    SeriesPoints[] Series);
