using Contracts.Wire;

namespace Ingestor.Series;

/// <summary>What the publisher takes from the store in one go, so a delta and a snapshot describe the same state.</summary>
public sealed record StoreChanges(
    IReadOnlyList<SeriesPoints> Delta,
    RunMeta[]? ChangedRuns,
    IReadOnlyList<SeriesPoints>? SnapshotSeries,
    RunMeta[] AllRuns);
