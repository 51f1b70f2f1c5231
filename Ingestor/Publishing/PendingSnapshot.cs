using Contracts.Wire;

namespace Ingestor.Publishing;

/// <summary>Series and runs captured with a set of changes, to be stored once the messages before them are published.</summary>
internal sealed record PendingSnapshot(IReadOnlyList<SeriesPoints> Series, RunMeta[] Runs, long Seq);
